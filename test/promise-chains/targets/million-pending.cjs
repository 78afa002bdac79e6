/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Creates 1,000,000 promises that never settle and reports the heap growth (bytes, after GC).
// With WITH_COLLECTOR=1 the promise collector runs at its defaults.
const harness =
  process.env.WITH_COLLECTOR === '1'
    ? require(process.env.HARNESS).startCollector(JSON.parse(process.env.PROMISE_OPTIONS || '{}'))
    : undefined;

function heapBytes() {
  global.gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

const before = heapBytes();
const pending = [];
function leak() {
  return new Promise(() => {});
}
for (let i = 0; i < 1_000_000; i++) pending.push(leak());
setTimeout(() => {
  const section = harness?.collect();
  const grown = heapBytes() - before;
  const summary = section && {
    counts: section.counts,
    groups: section.groups.length,
    top: section.groups[0],
  };
  process.stdout.write(
    JSON.stringify({ grown, summary, dropped: harness?.dropped, kept: pending.length }) + '\n',
    () => process.exit(0),
  );
}, 300);
