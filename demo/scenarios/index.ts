/** Every demo scenario, in the order `hyperscope demo --list` shows them. Add one by listing its file here. */
import type { DemoScenario } from '../scenario';
import { allocHotspot } from './alloc-hotspot';
import { blockedChain } from './blocked-chain';
import { eventLoopBlock } from './event-loop-block';
import { fdExhaustion } from './fd-exhaustion';
import { fetchPoolStarvation } from './fetch-pool-starvation';
import { healthy } from './healthy';
import { inlinedAllocator } from './inlined-allocator';
import { loopSaturated } from './loop-saturated';
import { poolStarvation } from './pool-starvation';
import { promiseLeak } from './promise-leak';
import { socketLeak } from './socket-leak';
import { socketLeakAgentPerRequest } from './socket-leak-agent-per-request';
import { tlsSlow } from './tls-slow';
import { tlsStalled } from './tls-stalled';
import { workerPoolStarvation } from './worker-pool-starvation';

export const scenarios: readonly DemoScenario[] = [
  healthy,
  poolStarvation,
  socketLeak,
  socketLeakAgentPerRequest,
  fdExhaustion,
  eventLoopBlock,
  loopSaturated,
  tlsSlow,
  tlsStalled,
  fetchPoolStarvation,
  allocHotspot,
  inlinedAllocator,
  promiseLeak,
  blockedChain,
  workerPoolStarvation,
];

/** The scenario named `name`, or undefined. */
export function findScenario(name: string): DemoScenario | undefined {
  return scenarios.find((scenario) => scenario.name === name);
}

/** The names `--scenario` accepts, for error messages. */
export function scenarioNames(): string[] {
  return scenarios.map((scenario) => scenario.name);
}
