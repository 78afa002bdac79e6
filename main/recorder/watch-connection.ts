/**
 * What a recording does when its inspector connection closes under it: ends with the reason (target
 * exited, …), or reconnects once when only the connection was lost, and carries on.
 */
import { describeLostTarget } from './describe-lost-target';
import { reconnectTarget } from './reconnect-target';
import type { Finish, RecordingState } from './recording-state';
import { inspectorIsOurs, writeEvent } from './recording-state';
import type { TargetLink } from './target-link';
import { openTargetLink } from './target-link';

/** Watches `current`'s session; after a reconnection, watches the new link and resumes `schedule`. */
export function watchConnection(
  state: RecordingState,
  current: TargetLink,
  finish: Finish,
  schedule: () => void,
): void {
  const { target } = state;
  void current.session.closed.then(async (why) => {
    if (why === 'closed-by-us' || state.finishing) return;
    clearTimeout(state.timer);
    const lost = await describeLostTarget(target);
    if (lost.reason !== 'connection-lost' || state.reconnection || state.finishing) {
      void finish(lost.reason, lost.message);
      return;
    }
    writeEvent(
      state,
      'warning',
      'the inspector connection was closed under the recording; reconnecting once',
    );
    try {
      state.reconnection = await reconnectTarget(target);
      state.link = await openTargetLink(
        state.reconnection.session,
        state.options,
        inspectorIsOurs(state),
        state.id,
      );
    } catch (error) {
      const now = await describeLostTarget(target);
      const why = error instanceof Error ? error.message : String(error);
      void finish(
        now.reason,
        now.reason === 'target-exited' ? now.message : `${lost.message} and reconnecting failed (${why})`,
      );
      return;
    }
    const agentState = state.link.agent.hello.reused ? 'agent reused' : 'agent installed again';
    writeEvent(
      state,
      'info',
      `reconnected to the target (${agentState}); the profiles of the interrupted window are lost`,
    );
    for (const window of Object.values(state.windows)) window.start = Date.now();
    state.unanswered = 0;
    watchConnection(state, state.link, finish, schedule);
    if (!state.finishing) schedule();
  });
}
