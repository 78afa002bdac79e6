/**
 * The route to a local target for attach-by-PID (`main/reach/target-route.ts`), its failures turned
 * into one-line {@link AttachError}s that say what is needed and what to do without it.
 */
import { readTargetNamespaces } from '../reach/target-namespaces';
import type { TargetRoute } from '../reach/target-route';
import { openTargetRoute } from '../reach/target-route';
import { RelayStartError } from '../reach/relay/start-netns-relay';
import { AttachError } from './attached-target';

/** What works without privileges: open the inspector inside the container and forward a port to it. */
export const CONTAINER_ALTERNATIVE =
  'without them, signal it inside the container (docker exec NAME kill -USR1 1, or kubectl exec POD -- kill -USR1 1), ' +
  'forward its port (kubectl port-forward POD 9229; for Docker, start it with NODE_OPTIONS=--inspect-port=0.0.0.0:9229 ' +
  'and -p 127.0.0.1:9229:9229), then run hyperscope record --url 127.0.0.1:9229 (README: "Containers")';

/** Opens the route to `pid`; fails with `permission-denied` or `unreachable` when a relay cannot start. */
export async function openRouteToPid(pid: number): Promise<TargetRoute> {
  try {
    return await openTargetRoute(pid);
  } catch (error) {
    if (!(error instanceof RelayStartError)) throw error;
    const { container } = await readTargetNamespaces(pid);
    const where = `process ${pid} runs in another network namespace${container ? ` (container ${container})` : ''}`;
    switch (error.reason) {
      case 'privilege':
        throw new AttachError(
          'permission-denied',
          `${where}: reaching its inspector needs root or CAP_SYS_ADMIN (${error.message}); ${CONTAINER_ALTERNATIVE}`,
        );
      case 'missing-nsenter':
        throw new AttachError(
          'unreachable',
          `${where}: reaching its inspector needs nsenter (util-linux), which is not installed; ${CONTAINER_ALTERNATIVE}`,
        );
      case 'failed':
        throw new AttachError('unreachable', `${where}: ${error.message}`);
    }
  }
}
