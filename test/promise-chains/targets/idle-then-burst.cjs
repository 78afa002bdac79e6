/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Idle long enough for the collector to keep hooks on (calm windows renewed, resources attributed), then a
// burst of promises: the window must end at the next turn, not when its 200 ms are up.
const harness = require(process.env.HARNESS).startCollector();
setTimeout(() => {
  const calm = harness.collect().sampling.active;
  for (let i = 0; i < 2000; i++) Promise.resolve(i).then(() => undefined);
  setTimeout(() => {
    const sampling = harness.collect().sampling;
    process.stdout.write(JSON.stringify({ calm, activeAfterBurst: sampling.active }) + '\n', () =>
      process.exit(0),
    );
  }, 20);
}, 500);
