// Static file server: opens the read stream before looking at the method; HEAD requests never consume it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS service on purpose */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'static-'));
fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)\n'.repeat(1000));

function serveStatic(request, response) {
  const file = path.join(root, 'app.js');
  const stream = fs.createReadStream(file);
  response.setHeader('content-type', 'text/javascript');
  if (request.method === 'HEAD') {
    if (process.env.HEALTHY) stream.destroy();
    return response.end();
  }
  stream.pipe(response);
}

const server = http.createServer(serveStatic);
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
