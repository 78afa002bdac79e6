// A workload with known costs, profiled by real-profiles.test.ts. Line numbers are asserted: keep them.
const retained = [];

function makeSmall() {
  const garbage = [];
  for (let i = 0; i < 10000; i++) garbage.push(new Array(120).fill(i));
  return garbage.length;
}

function makeBig() {
  for (let i = 0; i < 20; i++) retained.push(new Array(262144).fill(i));
}

function spinHot() {
  let x = 0;
  const end = Date.now() + 250;
  while (Date.now() < end) for (let i = 0; i < 1e5; i++) x += i % 7;
  return x;
}

function run() {
  makeSmall();
  makeBig();
  spinHot();
}

module.exports = { run };
