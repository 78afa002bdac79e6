import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../frame';
import { buildCpuModel } from '../profile/build-cpu-model';
import { caughtShare, sameFunction, stuckStackInProfile } from './stuck-in-profile';

const APP = '/srv/flags.js';
let nextId = 0;
const at = (functionName: string, url: string, line: number): Protocol.Runtime.CallFrame => ({
  functionName,
  url,
  scriptId: String(++nextId),
  lineNumber: line - 1,
  columnNumber: 0,
});

/**
 * A request handler (line 12) that parses a flag snapshot (`loadFlags`, line 5, JSON.parse's time is its
 * own) for 95 ms and then ends the response (`end`, 3 ms); a little idle time besides.
 */
function flagsProfile(): Protocol.Profiler.Profile {
  const nodes: Protocol.Profiler.ProfileNode[] = [
    { id: 1, callFrame: at('(root)', '', 0), children: [2, 3] },
    { id: 2, callFrame: at('(idle)', '', 0) },
    { id: 3, callFrame: at('parserOnIncoming', 'node:_http_server', 1020), children: [4] },
    { id: 4, callFrame: at('emit', 'node:events', 460), children: [5] },
    { id: 5, callFrame: at('', `file://${APP}`, 12), children: [6, 7] },
    { id: 6, callFrame: at('loadFlags', `file://${APP}`, 5) },
    { id: 7, callFrame: at('end', 'node:_http_outgoing', 1200) },
  ];
  const samples = [...Array<number>(10).fill(2), ...Array<number>(95).fill(6), ...Array<number>(3).fill(7)];
  return {
    nodes,
    samples,
    timeDeltas: samples.map(() => 1000),
    startTime: 0,
    endTime: samples.length * 1000,
  };
}

/** Where the agent's interrupt caught the loop: at the statement after JSON.parse returned. */
const caughtAtEnd: Frame[] = [
  { functionName: 'ServerResponse.end', url: 'node:_http_outgoing', line: 1278, column: 10 },
  { functionName: 'Server.<anonymous>', url: APP, line: 16, column: 12 },
  { functionName: 'Server.emit', url: 'node:events', line: 514, column: 28 },
  { functionName: 'parserOnIncoming', url: 'node:_http_server', line: 1464, column: 11 },
];

describe('stuckStackInProfile', () => {
  it('replaces the frames past where the caught stack leaves the CPU time with the heaviest callee', () => {
    const frames = stuckStackInProfile(caughtAtEnd, buildCpuModel(flagsProfile()));
    expect(frames.map((frame) => `${frame.functionName}@${frame.line}`)).toEqual([
      'loadFlags@5',
      '@12',
      'Server.emit@514',
      'parserOnIncoming@1464',
    ]);
    expect(frames[0]!.url).toBe(`file://${APP}`);
  });

  it('keeps a caught stack that stays on the CPU time to its innermost frame (its lines are exact)', () => {
    const inParse: Frame[] = [
      { functionName: 'loadFlags', url: APP, line: 6, column: 20 },
      ...caughtAtEnd.slice(1),
    ];
    expect(stuckStackInProfile(inParse, buildCpuModel(flagsProfile()))).toEqual(inParse);
  });

  it('goes down from the last profiled frame when the caught innermost frames were never sampled', () => {
    const inUnsampled: Frame[] = [
      { functionName: 'Buffer.subarray', url: 'node:buffer', line: 1340, column: 1 },
      ...caughtAtEnd.slice(1),
    ];
    const frames = stuckStackInProfile(inUnsampled, buildCpuModel(flagsProfile()));
    expect(frames.map((frame) => frame.functionName)).toEqual([
      'loadFlags',
      '',
      'Server.emit',
      'parserOnIncoming',
    ]);
  });

  it('goes down from the innermost caught frame when its own code holds little of its time', () => {
    // Caught in the handler itself, at the statement after loadFlags returned (Node 22).
    const inHandler = caughtAtEnd.slice(1);
    const frames = stuckStackInProfile(inHandler, buildCpuModel(flagsProfile()));
    expect(frames.map((frame) => frame.functionName)).toEqual([
      'loadFlags',
      '',
      'Server.emit',
      'parserOnIncoming',
    ]);
  });

  it('keeps a caught stack whose inner frames the profile could not resolve and names no callee for', () => {
    // A loop stuck since before the profiler started: V8 put its samples on the timer's caller, and the
    // caught frames below it are the only ones that say where it spins.
    const stuckInTimer: Protocol.Profiler.Profile = {
      nodes: [
        { id: 1, callFrame: at('(root)', '', 0), children: [2] },
        { id: 2, callFrame: at('processTimers', 'node:internal/timers', 504), children: [3] },
        { id: 3, callFrame: at('listOnTimeout', 'node:internal/timers', 524) },
      ],
      samples: Array<number>(100).fill(3),
      timeDeltas: Array<number>(100).fill(1000),
      startTime: 0,
      endTime: 100_000,
    };
    const caught: Frame[] = [
      { functionName: 'scoreDocument', url: APP, line: 6, column: 17 },
      { functionName: 'Timeout.rebuildSearchIndex', url: APP, line: 11, column: 55 },
      { functionName: 'listOnTimeout', url: 'node:internal/timers', line: 581, column: 17 },
      { functionName: 'process.processTimers', url: 'node:internal/timers', line: 519, column: 7 },
    ];
    expect(stuckStackInProfile(caught, buildCpuModel(stuckInTimer))).toEqual(caught);
  });

  it('keeps the caught stack without a CPU profile, or when the profile does not hold its path', () => {
    expect(stuckStackInProfile(caughtAtEnd, undefined)).toEqual(caughtAtEnd);
    const elsewhere: Frame[] = [{ functionName: 'tick', url: '/srv/other.js', line: 3, column: 1 }];
    expect(stuckStackInProfile(elsewhere, buildCpuModel(flagsProfile()))).toEqual(elsewhere);
  });
});

describe('caughtShare', () => {
  it("is the busy time's share under the caught stack's deepest profiled frame, idle left out", () => {
    const cpu = buildCpuModel(flagsProfile());
    // ~3 of ~98 busy ms end the response; ~95 parse the flags (sample times are the next sample's delta).
    expect(caughtShare(caughtAtEnd, cpu)).toBeGreaterThan(0.01);
    expect(caughtShare(caughtAtEnd, cpu)).toBeLessThan(0.04);
    expect(
      caughtShare(
        [{ ...caughtAtEnd[0]!, functionName: 'loadFlags', url: APP, line: 6 }, ...caughtAtEnd.slice(1)],
        cpu,
      ),
    ).toBeGreaterThan(0.95);
    expect(caughtShare([{ functionName: 'tick', url: '/srv/other.js', line: 3, column: 1 }], cpu)).toBe(0);
  });
});

describe('sameFunction', () => {
  const profiled = (functionName: string, url: string, line: number): Frame => ({
    functionName,
    url,
    line,
    column: 1,
  });
  it('matches a trace frame to its profile frame across receiver names, anonymity and file URLs', () => {
    expect(sameFunction(caughtAtEnd[1]!, profiled('', `file://${APP}`, 12))).toBe(true);
    expect(sameFunction(caughtAtEnd[0]!, profiled('end', 'node:_http_outgoing', 1200))).toBe(true);
    const constructed = { functionName: 'new Parser', url: APP, line: 30, column: 1 };
    expect(sameFunction(constructed, profiled('Parser', APP, 20))).toBe(true);
  });

  it('tells apart other scripts, other names and functions that start after the traced line', () => {
    expect(sameFunction(caughtAtEnd[1]!, profiled('', '/srv/other.js', 12))).toBe(false);
    expect(sameFunction(caughtAtEnd[1]!, profiled('loadFlags', `file://${APP}`, 5))).toBe(false);
    expect(sameFunction(caughtAtEnd[1]!, profiled('', `file://${APP}`, 20))).toBe(false);
  });
});
