/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Chains that never settle, started at a steady 40 a second for 2 s (80 creation stacks a second), then
// one collection: with a budget of 100 stacks a second of hooks-on time, every chain gets its stacks.
const { startCollector } = require(process.env.HARNESS);
const harness = startCollector({ stacksPerSecond: 100 });

async function leakOne() {
  await new Promise(() => {});
}

let started = 0;
const ticker = setInterval(() => {
  leakOne();
  leakOne();
  started += 2;
  if (started < 80) return;
  clearInterval(ticker);
  const section = harness.collect();
  process.stdout.write(JSON.stringify({ section, started }) + '\n', () => process.exit(0));
}, 50);
