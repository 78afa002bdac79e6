/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// A promise-heavy JSON API (issue 16's reference service): per request, parse, a few awaited calls, an
// upstream call over a keep-alive pool, a Promise.all, a setImmediate hop, JSON out: ~30 promises.
// Prints its port as its first stdout line. Serves GET /?id=N.
const http = require('node:http');

const upstream = http.createServer((req, res) => res.end('{"price":42,"stock":7}'));
upstream.keepAliveTimeout = 60_000;
upstream.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const port = upstream.address().port;
  const callUpstream = (id) =>
    new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/item/' + id, agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body)));
        })
        .on('error', reject);
    });
  const users = new Map();
  async function validate(query) {
    await null;
    if (!query.get('id')) throw new Error('id');
    return query.get('id');
  }
  async function loadUser(id) {
    await Promise.resolve();
    if (!users.has(id)) users.set(id, { id, name: 'user' + id });
    return users.get(id);
  }
  async function enrich(user, field) {
    const value = await Promise.resolve(user[field]);
    return { [field]: value };
  }
  // A hop through the check phase, as code that yields to I/O between steps does.
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  async function handle(req) {
    const url = new URL(req.url, 'http://x');
    const id = await validate(url.searchParams);
    const user = await loadUser(id);
    const item = await callUpstream(id);
    await nextTurn();
    const parts = await Promise.all([enrich(user, 'id'), enrich(user, 'name')]);
    return JSON.stringify({ user: Object.assign({}, ...parts), item });
  }
  const front = http.createServer((req, res) => {
    handle(req).then(
      (body) => res.end(body),
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  front.listen(0, '127.0.0.1', () => console.log(front.address().port));
});
