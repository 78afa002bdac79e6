/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// A target whose pending chains are known in advance. Each scenario leaves chains pending, then the
// collector's section and one chain per group are printed as JSON on stdout.
const { startCollector } = require(process.env.HARNESS);
const harness = startCollector(JSON.parse(process.env.PROMISE_OPTIONS || '{}'));
const net = require('node:net');
const http = require('node:http');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

async function handleConnect(port) {
  return await callService(port);
}
async function callService(port) {
  const socket = await openSocket(port);
  return socket;
}
function openSocket(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
async function waitTimer() {
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
async function waitForever() {
  await new Promise(() => {});
}
async function readFifo(path) {
  return await new Promise((resolve, reject) =>
    fs.open(path, 'r', (err, fd) => (err ? reject(err) : resolve(fd))),
  );
}
function fetchQueued(agent, port) {
  return new Promise((resolve) => http.get({ host: '127.0.0.1', port, agent, path: '/' }, resolve));
}
async function fetchAll(agent, port) {
  const [a, b] = await Promise.all([fetchQueued(agent, port), waitTimer()]);
  return [a, b];
}
function thenChain() {
  return new Promise(() => {}).then((x) => x).then((x) => x);
}
async function* ticks() {
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  yield 1;
}
async function iterate() {
  for await (const tick of ticks()) return tick;
}
async function settledByEvent(emitter) {
  await new Promise((resolve) => emitter.once('go', resolve));
  return 'settled';
}

async function main() {
  const hole = spawn(process.execPath, [require.resolve('./black-hole.cjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const holePort = Number(await new Promise((resolve) => hole.stdout.once('data', resolve)));
  // Fill the black hole's accept queue so that the next connects hang.
  const fillers = [];
  for (let i = 0; i < 4; i++) fillers.push(net.connect(holePort, '127.0.0.1').on('error', () => {}));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const slow = http.createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((resolve) => slow.once('listening', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const fifo = `${require('node:os').tmpdir()}/hyperscope-fifo-${process.pid}`;
  require('node:child_process').execFileSync('mkfifo', [fifo]);
  const { EventEmitter } = require('node:events');
  const emitter = new EventEmitter();

  for (let i = 0; i < 3; i++) handleConnect(holePort).catch(() => {});
  for (let i = 0; i < 2; i++) waitTimer();
  for (let i = 0; i < 4; i++) waitForever();
  readFifo(fifo).catch(() => {});
  fetchQueued(agent, slow.address().port); // takes the one socket
  for (let i = 0; i < 2; i++) fetchAll(agent, slow.address().port); // queued behind it
  thenChain();
  iterate();
  const settled = settledByEvent(emitter);
  setTimeout(() => emitter.emit('go'), 50);
  await settled;

  await new Promise((resolve) => setTimeout(resolve, Number(process.env.WAIT_MS || 400)));
  harness.printChainsAndExit(() => {
    hole.kill();
    // Release the thread blocked opening the FIFO, or exit would wait for it.
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    fs.rmSync(fifo, { force: true });
  });
}
main();
