/**
 * One long recording as a user runs it (`long-recording.ts`): a reference target with its inspector
 * open, under paced load on 127.0.0.1 for the whole run, recorded by the real CLI at its defaults in a
 * process of its own (`hyperscope record --url … --duration …`, under `/usr/bin/time` for its peak RSS),
 * sampled every `sampleS` seconds until the recorder exits.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectorFilePath, OPEN_INSPECTOR_SNIPPET, readWhenWritten } from './attach-hyperscope';
import {
  cpuSeconds,
  fileMiB,
  lastLoggedHeapMiB,
  MEMLOG_PRELOAD,
  statusMiB,
  type Sample,
} from './long-recording-samples';
import { startTarget } from './target-run';

export interface LongRunOptions {
  /** bench/targets/<service>.cjs. */
  service: string;
  /** Paced load, requests per second over 16 connections. */
  rate: number;
  /** The recording's `--duration`, s. */
  durationS: number;
  sampleS: number;
  /** Seconds of load before the recorder attaches. */
  warmupS: number;
  /** Where the bench's own files go (entry script, preload, logs); `output` is the session file. */
  dir: string;
  output: string;
}

export interface LongRun {
  samples: Sample[];
  /** The recorder's peak resident set over its whole life (`/usr/bin/time` %M), MiB. */
  recorderPeakMiB: number;
  recorderExitCode: number | null;
  /** The load's average and what failed under it. */
  requestsPerSecond: number;
  failedRequests: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of `/usr/bin/time`'s one child (the recorder), once it has started. */
async function childPid(parent: number): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
    if (children) return Number(children.split(' ')[0]);
    await sleep(20);
  }
  throw new Error(`/usr/bin/time (pid ${parent}) started no recorder`);
}

export async function runLongRecording(options: LongRunOptions): Promise<LongRun> {
  const { dir, output, durationS, sampleS } = options;
  const entry = join(dir, 'entry.cjs');
  writeFileSync(entry, `${OPEN_INSPECTOR_SNIPPET}\nrequire(process.env.HS_SERVICE);\n`);
  const preload = join(dir, 'memlog.cjs');
  writeFileSync(preload, MEMLOG_PRELOAD);
  const memlog = join(dir, 'recorder-memory.ndjson');
  const timeFile = join(dir, 'recorder-time.txt');
  const inspectorFile = inspectorFilePath();
  const script = fileURLToPath(new URL(`./targets/${options.service}.cjs`, import.meta.url));
  const target = await startTarget(
    entry,
    { HS_SERVICE: script, HS_INSPECTOR_FILE: inspectorFile },
    null,
    '/?id=7',
  );
  // Load runs longer than the recording could; it is stopped when the recorder exits.
  const load = autocannon({
    url: target.url,
    connections: 16,
    overallRate: options.rate,
    duration: options.warmupS + durationS + 600,
  });
  try {
    const inspectorUrl = await readWhenWritten(inspectorFile);
    await sleep(options.warmupS * 1000);
    const cli = fileURLToPath(new URL('../bin/hyperscope.js', import.meta.url));
    const args = ['record', '--url', inspectorUrl, '--duration', `${durationS}s`, '-q', '-o', output];
    const time = spawn(
      '/usr/bin/time',
      ['-f', '%M', '-o', timeFile, process.execPath, '--require', preload, cli, ...args],
      {
        env: { ...process.env, HS_BENCH_MEMLOG: memlog },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => time.once('exit', resolve));
    const recorder = await childPid(time.pid!);
    const started = performance.now();
    const samples: Sample[] = [];
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      try {
        samples.push({
          atS: (performance.now() - started) / 1000,
          recorderRssMiB: statusMiB(recorder, 'VmRSS'),
          recorderHeapMiB: lastLoggedHeapMiB(memlog),
          targetRssMiB: statusMiB(target.pid, 'VmRSS'),
          fileMiB: fileMiB(output),
          targetCpuS: cpuSeconds(target.pid),
        });
        printSample(samples);
      } catch (error) {
        if (!done) throw error; // the recorder exited while it was read
      }
      await Promise.race([exited, sleep(sampleS * 1000)]);
    }
    const code = await exited;
    load.stop();
    const result = await load;
    return {
      samples,
      recorderPeakMiB: Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024,
      recorderExitCode: code,
      requestsPerSecond: result.requests.average,
      failedRequests: result.non2xx + result.errors,
    };
  } finally {
    load.stop();
    target.stop();
  }
}

/** One progress line per sample, with the target's CPU share since the sample before. */
function printSample(samples: Sample[]): void {
  const s = samples.at(-1)!;
  const before = samples.at(-2);
  const cpu = before
    ? `${((100 * (s.targetCpuS - before.targetCpuS)) / (s.atS - before.atS)).toFixed(0)}%`
    : '-';
  const heap = s.recorderHeapMiB === null ? '-' : s.recorderHeapMiB.toFixed(1);
  console.log(
    `  ${(s.atS / 60).toFixed(1).padStart(5)} min: recorder ${s.recorderRssMiB.toFixed(1)} MiB (V8 heap ${heap}), ` +
      `target ${s.targetRssMiB.toFixed(1)} MiB, CPU ${cpu} of a core, file ${s.fileMiB.toFixed(1)} MiB`,
  );
}
