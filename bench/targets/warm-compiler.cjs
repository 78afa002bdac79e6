/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// A target with a lot of hot, inlined code: the TypeScript compiler transpiling one source file over
// and over. It opens its inspector (bench/attach-hyperscope.ts's snippet, path in HS_INSPECTOR_FILE) and
// prints, every 250 ms, how many files it transpiled in that slice: `rate N`.
const { readFileSync, writeFileSync } = require('node:fs');
const ts = require(process.env.HS_TYPESCRIPT);

const SOURCE = readFileSync(process.env.HS_SOURCE_FILE, 'utf8');
const SLICE_MS = 250;

function transpileFor(ms) {
  const end = performance.now() + ms;
  let files = 0;
  while (performance.now() < end) {
    ts.transpileModule(SOURCE, { compilerOptions: { target: ts.ScriptTarget.ES2022 } });
    files++;
  }
  return files;
}

const inspector = require('node:inspector');
inspector.open(0, '127.0.0.1');
writeFileSync(process.env.HS_INSPECTOR_FILE, inspector.url());
// One slice per macrotask, so the inspector's commands are served between slices.
setInterval(() => console.log(`rate ${transpileFor(SLICE_MS)}`), 0);
