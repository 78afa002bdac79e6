/**
 * A real CPU profile for the flame-ui bench, recorded at bench time: `tsc` type-checking this repository
 * under `node --cpu-prof --cpu-prof-interval 100` (~8 s, ~27 MB here, tens of thousands of distinct
 * functions — unlike the synthetic profiles, whose few thousand functions repeat).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from 'devtools-protocol';

/** What the bench prints about the real profile. */
export interface RealProfile {
  path: string;
  bytes: number;
  /** Call-tree nodes in the profile. */
  nodes: number;
  /** Distinct call frames (function, url, line, column). */
  frames: number;
  samples: number;
}

/** Records `tsc -p tsconfig.node.json --noEmit` into `dir` and counts what the profile holds. */
export function recordTscProfile(dir: string): RealProfile {
  const profileDir = join(dir, 'tsc-profile');
  mkdirSync(profileDir, { recursive: true });
  const tsc = 'node_modules/typescript/bin/tsc';
  const args = ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profileDir];
  execFileSync(process.execPath, [...args, tsc, '-p', 'tsconfig.node.json', '--noEmit'], {
    stdio: 'inherit',
  });
  const name = readdirSync(profileDir).find((file) => file.endsWith('.cpuprofile'));
  if (!name) throw new Error(`node --cpu-prof wrote no .cpuprofile into ${profileDir}`);
  const path = join(profileDir, name);
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Protocol.Profiler.Profile;
  const frames = new Set(
    profile.nodes.map(
      ({ callFrame: f }) => `${f.functionName}\0${f.url}\0${f.lineNumber}\0${f.columnNumber}`,
    ),
  );
  return {
    path,
    bytes: statSync(path).size,
    nodes: profile.nodes.length,
    frames: frames.size,
    samples: profile.samples?.length ?? 0,
  };
}
