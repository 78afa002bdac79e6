/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// An allocation-heavy JSON API (issue 16's reference service): per request it builds a report of a few
// hundred rows (objects, strings, arrays), serialises it, copies it into a Buffer and hashes nothing:
// ~0.3 MB allocated, nearly all of it garbage by the time the response is written; the last few
// reports stay in a small cache, so some objects live long enough to be promoted.
// Prints its port as its first stdout line. Serves GET /?id=N.
const http = require('node:http');

const ROWS = 1000;
const recent = [];

function buildReport(id) {
  const rows = [];
  for (let i = 0; i < ROWS; i++) {
    rows.push({
      id: `${id}-${i}`,
      name: 'item ' + i + ' of report ' + id,
      tags: ['a' + (i % 7), 'b' + (i % 11), 'c' + (i % 13)],
      price: { amount: (i * 37) % 1000, currency: 'EUR' },
      history: [i, i * 2, i * 3, i * 5],
    });
  }
  return { id, generated: new Date().toISOString(), rows };
}

const server = http.createServer((req, res) => {
  const id = new URL(req.url, 'http://x').searchParams.get('id') ?? '0';
  const text = JSON.stringify(buildReport(id));
  const body = Buffer.from(text);
  recent.push(text.slice(0, 4096));
  if (recent.length > 16) recent.shift();
  res.setHeader('content-type', 'application/json');
  // The client needs only its size: the bytes were built, serialised and copied as a real handler does.
  res.end(`{"bytes":${body.length},"cached":${recent.length}}`);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
