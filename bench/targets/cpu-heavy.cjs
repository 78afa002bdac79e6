/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// A CPU-heavy JSON API (issue 16's reference service): per request a few ms of pure arithmetic and
// string scanning on numbers and one fixed string, allocating next to nothing.
// Prints its port as its first stdout line. Serves GET /?id=N.
const http = require('node:http');

const TEXT = 'the quick brown fox jumps over the lazy dog; '.repeat(64);
const ROUNDS = 600;

// FNV-1a over the text's char codes, mixed with a seed, ROUNDS times: integer work on a string V8 keeps flat.
function score(seed) {
  let hash = 2166136261 ^ seed;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < TEXT.length; i++) {
      hash ^= TEXT.charCodeAt(i) + round;
      hash = Math.imul(hash, 16777619);
    }
    hash ^= isPrime(round * 7919 + seed) ? 1 : 0;
  }
  return hash >>> 0;
}

function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

const server = http.createServer((req, res) => {
  const id = Number(new URL(req.url, 'http://x').searchParams.get('id') ?? 0);
  res.end(`{"score":${score(id)}}`);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
