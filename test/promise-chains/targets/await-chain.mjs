// An ES-module target: an await chain three functions deep on a timer, and never-resolved promises.
import { createRequire } from 'node:module';

const { startCollector } = createRequire(import.meta.url)(process.env.HARNESS);
const harness = startCollector({});

async function outerStep() {
  return await middleStep();
}
async function middleStep() {
  return await innerSleep();
}
function innerSleep() {
  return new Promise((resolve) => setTimeout(resolve, 60_000));
}
async function neverDone() {
  await new Promise(() => {});
}

// Resources are observed from the second sampling window on.
await new Promise((resolve) => setTimeout(resolve, 250));
for (let i = 0; i < 5; i++) outerStep();
for (let i = 0; i < 2; i++) neverDone();
await Promise.race([new Promise((resolve) => setTimeout(resolve, 300)), new Promise(() => {})]);
harness.printChainsAndExit();
