import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { AGENT_SOURCE_URL } from '../agent-protocol';
import { hotFrames } from './hot-frames';
import { buildAllocModelFromNodes } from './build-alloc-model';
import { isAgentUrl } from './agent-frames';
import { buildCpuModel } from './build-cpu-model';
import { toFolded } from './folded';
import { valueIndexOf } from './profile-model';

const APP = 'file:///srv/app.js';
const at = (functionName: string, url: string, scriptId: string): Protocol.Runtime.CallFrame => ({
  functionName,
  url,
  scriptId,
  lineNumber: 3,
  columnNumber: 1,
});

// The agent's script is 9: V8 names it by its sourceURL in some frames and by '' in others.
const handler = at('handler', APP, '7');
const onInit = at('onInit', '', '9');
const captureStack = at('captureStack', AGENT_SOURCE_URL, '9');
const formatStack = at('formatStack', '', '9');
const callback = at('userCallback', APP, '7');

/** handler → onInit → captureStack → formatStack, and handler → onInit → userCallback (agent calls back). */
function cpuProfile(): Protocol.Profiler.Profile {
  return {
    nodes: [
      { id: 1, callFrame: handler, children: [2] },
      { id: 2, callFrame: onInit, children: [3, 5] },
      { id: 3, callFrame: captureStack, children: [4] },
      { id: 4, callFrame: formatStack },
      { id: 5, callFrame: callback },
    ],
    startTime: 0,
    endTime: 600,
    samples: [1, 2, 3, 4, 5],
    timeDeltas: [100, 100, 100, 100, 100],
  };
}

describe("the agent's own frames", () => {
  it('become one (hyperscope agent) frame per run, whatever V8 named them, with their time kept', () => {
    const model = buildCpuModel(cpuProfile());
    expect(toFolded(model, valueIndexOf(model, 'time'), { locations: false })).toBe(
      ['handler 100', 'handler;(hyperscope agent) 300', 'handler;(hyperscope agent);userCallback 100'].join(
        '\n',
      ) + '\n',
    );
    expect(model.frames.map((frame) => frame.functionName)).not.toContain('captureStack');
  });

  it('are never cited as the hot code of a finding', () => {
    expect(hotFrames(buildCpuModel(cpuProfile()), 5).map((frame) => frame.functionName)).toEqual([
      'handler',
      'userCallback',
    ]);
  });

  it('fold the same way in allocation profiles, also when only another window named the script', () => {
    const nodes = [
      { id: 1, parent: 1, callFrame: handler, selfSize: 100 },
      { id: 2, parent: 1, callFrame: onInit, selfSize: 1000 },
      { id: 3, parent: 2, callFrame: formatStack, selfSize: 3000 },
    ];
    const unnamed = buildAllocModelFromNodes(nodes, []);
    expect(toFolded(unnamed, 0, { locations: false })).toContain('handler;onInit;formatStack 3000');
    const model = buildAllocModelFromNodes(nodes, [], undefined, new Set(['9']));
    expect(toFolded(model, valueIndexOf(model, 'space'), { locations: false })).toBe(
      'handler 100\nhandler;(hyperscope agent) 4000\n',
    );
  });
});

describe('isAgentUrl', () => {
  it('is true for the injected agent, its built file and the in-process register entry, not for the service', () => {
    expect(isAgentUrl(AGENT_SOURCE_URL)).toBe(true);
    expect(isAgentUrl('file:///opt/app/node_modules/hyperscope/out/agent/agent.js')).toBe(true);
    expect(isAgentUrl('/opt/app/node_modules/hyperscope/out/register/register.cjs')).toBe(true);
    expect(isAgentUrl('file:///opt/app/node_modules/hyperscope/out/register/register.cjs')).toBe(true);
    expect(isAgentUrl('file:///opt/app/register.cjs')).toBe(false);
    expect(isAgentUrl(APP)).toBe(false);
  });
});
