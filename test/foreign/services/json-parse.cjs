// Feature flags: the whole flag snapshot (a few MB of JSON) is parsed again on every request.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS service on purpose */
const http = require('node:http');

const flags = {};
for (let i = 0; i < 40_000; i++)
  flags[`flag_${i}`] = {
    enabled: i % 3 === 0,
    rollout: i % 100,
    owners: ['team-a', 'team-b'],
    note: 'x'.repeat(20),
  };
const snapshot = JSON.stringify(flags);
let cached;

function loadFlags() {
  if (process.env.HEALTHY) return (cached ??= JSON.parse(snapshot));
  return JSON.parse(snapshot);
}

const server = http.createServer((request, response) => {
  const current = loadFlags();
  response.end(JSON.stringify({ checkout: current.flag_3.enabled }));
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
