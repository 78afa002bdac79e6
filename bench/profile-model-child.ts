/**
 * One measurement in a fresh process, so that peak RSS is this step's alone:
 *   node --import tsx bench/profile-model-child.ts parse|model FILE
 * Prints JSON: `{ ms, peakRssMiB, nodes? }`.
 */
import { readFileSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import { buildCpuModel } from '../core/profile/build-cpu-model';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'model'))
  throw new Error('usage: profile-model-child.ts parse|model FILE');
const start = performance.now();
const profile = JSON.parse(readFileSync(file, 'utf8')) as Protocol.Profiler.Profile;
const model = mode === 'model' ? buildCpuModel(profile) : undefined;
const ms = performance.now() - start;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, peakRssMiB, nodes: model?.nodes.count, sourceNodes: profile.nodes.length }));
