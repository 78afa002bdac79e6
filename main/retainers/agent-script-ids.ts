/**
 * The V8 script ids of Hyperscope's agent in the target: a heap snapshot names a closure's script only
 * by id (its `locations`), and the agent's evaluated script has no name, so the objects the agent holds
 * (its promise tracker, its tables) are told from the service's by the scripts of the functions that
 * hold them. Every install evaluates the bundle again: each function of the installed agent's own
 * methods, and the bundle's own script, give the ids in use.
 */
import { AGENT_GLOBAL_KEY } from '../../core/agent-protocol';
import type { InspectorSession } from '../inspector/inspector-session';

const AGENT = `globalThis[Symbol.for(${JSON.stringify(AGENT_GLOBAL_KEY)})]`;

export async function agentScriptIds(session: InspectorSession): Promise<Set<number>> {
  const ids = new Set<number>();
  const { result } = await session.send('Runtime.evaluate', {
    // The installed agent's methods: functions of the script that installed it.
    expression: `(() => { const a = ${AGENT}; return a ? Object.values(a).filter((v) => typeof v === 'function') : []; })()`,
    silent: true,
  });
  if (!result.objectId) return ids;
  try {
    const { result: methods } = await session.send('Runtime.getProperties', {
      objectId: result.objectId,
      ownProperties: true,
    });
    for (const method of methods) {
      const objectId = method.value?.type === 'function' ? method.value.objectId : undefined;
      if (!objectId) continue;
      const { internalProperties } = await session.send('Runtime.getProperties', {
        objectId,
        ownProperties: true,
      });
      const location = internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as
        { scriptId?: string } | undefined;
      if (location?.scriptId) ids.add(Number(location.scriptId));
    }
  } finally {
    await session.send('Runtime.releaseObject', { objectId: result.objectId }).catch(() => undefined);
  }
  return ids;
}
