/**
 * Hands the agent every `http.Agent` on the target's heap, once at attach. A pool made before attach that
 * only holds idle keep-alive sockets is otherwise invisible: it is never called, its sockets are unreferenced
 * (no live handle lists them) and nothing in the process points from a socket back to its agent. The
 * inspector can list every instance of a prototype (`Runtime.queryObjects`, which also finds subclasses such
 * as `https.Agent` and agentkeepalive); the agent keeps them weakly, like every agent it tracks.
 *
 * Cost: one heap walk in the target (V8 collects garbage first), once per install — not per collection.
 */
import type { InspectorSession } from '../inspector/inspector-session';

/** The inspector's handles to the prototype and the instance array live in this group, released after. */
const OBJECT_GROUP = 'hyperscope-heap-http-agents';

/**
 * Finds the agents on the heap of the target behind `session` and gives them to the installed agent
 * `agentExpression` (an expression of its global); resolves with how many it did not know yet.
 */
export async function adoptHeapHttpAgents(
  session: InspectorSession,
  agentExpression: string,
): Promise<number> {
  try {
    const prototype = await session.send('Runtime.evaluate', {
      expression: `(() => { const a = ${agentExpression}; return a && a.httpAgentPrototype ? a.httpAgentPrototype() : undefined; })()`,
      objectGroup: OBJECT_GROUP,
      silent: true,
    });
    const prototypeObjectId = prototype.result.objectId;
    if (!prototypeObjectId) return 0;
    const { objects } = await session.send('Runtime.queryObjects', {
      prototypeObjectId,
      objectGroup: OBJECT_GROUP,
    });
    if (!objects.objectId) return 0;
    const adopted = await session.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: `function () { const a = ${agentExpression}; return a && a.adoptHttpAgents ? a.adoptHttpAgents(this) : 0; }`,
      returnByValue: true,
      silent: true,
    });
    return typeof adopted.result.value === 'number' ? adopted.result.value : 0;
  } finally {
    // Until released, the inspector holds every agent strongly: pools that end must still be collectable.
    if (session.isOpen()) await session.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  }
}
