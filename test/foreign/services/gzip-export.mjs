// Report export (ESM): compresses the CSV synchronously at the highest level on every download.
import http from 'node:http';
import zlib from 'node:zlib';

const rows = [];
for (let i = 0; i < 60_000; i++)
  rows.push(`${i},customer-${i % 977},${(i * 7.3).toFixed(2)},EUR,${i % 2 ? 'paid' : 'open'}`);
const csv = rows.join('\n');

function compressExport(body) {
  return zlib.gzipSync(body, { level: 9 });
}

const server = http.createServer((request, response) => {
  response.setHeader('content-type', 'text/csv');
  if (process.env.HEALTHY) return response.end('ok');
  response.setHeader('content-encoding', 'gzip');
  response.end(compressExport(csv));
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
