/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// A target whose allocation-sampling profile grows large on demand: `globalThis.generateAllocStacks(n)`
// (called over the inspector) allocates at the end of `n` random chains of 12 calls among 6,000 functions
// of one script with a long URL, as bundled code has. Under sampling, each chain leaves samples and nodes.
const vm = require('node:vm');

const FUNCTIONS = 6000;
const DEPTH = 12;
const url = `file:///srv/app/node_modules/some-framework/dist/${'nested/'.repeat(25)}index.js`;
let source = 'const fns = [];\n';
for (let i = 0; i < FUNCTIONS; i++) {
  source += `fns.push(function handler${i}(path, d) {
    if (d > 0) return fns[path[d]](path, d - 1);
    const made = [];
    for (let k = 0; k < 24; k++) made.push(new Array(4));
    return made.length;
  });\n`;
}
const fns = vm.runInThisContext(`${source}fns`, { filename: url });

let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;

globalThis.generateAllocStacks = (chains) => {
  let made = 0;
  for (let c = 0; c < chains; c++) {
    const path = Array.from({ length: DEPTH + 1 }, () => Math.floor(random() * FUNCTIONS));
    made += fns[path[DEPTH]](path, DEPTH);
  }
  return made;
};
setInterval(() => undefined, 60_000);
