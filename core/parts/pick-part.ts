/**
 * The one process or thread of a session a user names (`report|diff|export --process WHICH`): by its id
 * (`main`, `p4243`, `p4242.t1`), its label (`worker 2 of 4`, any case), or its pid (the process, not
 * one of its threads).
 */
import { terminalSafe } from '../report/terminal-safe';
import { sessionParts, type SessionPart } from '../session/session-parts';
import type { Session } from '../session/session';

/** No part, or more than one, answers to the name; `message` is one line listing what the session has. */
export class PartChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartChoiceError';
  }
}

/** The part of `session` that `which` names; throws {@link PartChoiceError} when none or several do. */
export function pickPart(session: Session, which: string): SessionPart {
  const parts = sessionParts(session);
  const wanted = which.trim();
  const byId = parts.find((part) => part.id === wanted);
  if (byId) return byId;
  const byLabel = parts.filter((part) => part.label.toLowerCase() === wanted.toLowerCase());
  if (byLabel.length === 1) return byLabel[0]!;
  if (/^[1-9]\d*$/.test(wanted)) {
    const pid = Number(wanted);
    const processes = parts.filter((part) => part.pid === pid && part.threadId === 0);
    if (processes.length === 1) return processes[0]!;
    const any = parts.filter((part) => part.pid === pid);
    if (any.length === 1) return any[0]!;
  }
  const problem =
    byLabel.length > 1
      ? `"${which}" names ${byLabel.length} processes or threads, give an id`
      : `no process or thread "${which}"`;
  // Labels come from the target (a thread's script name): shown, never obeyed, by a terminal.
  throw new PartChoiceError(terminalSafe(`${problem}; ${listParts(parts)}`));
}

/** `the session recorded main (pid 4242), p4243 (worker 1 of 2, pid 4243), …` */
export function listParts(parts: readonly SessionPart[]): string {
  const described = parts.map((part) => {
    const pid = part.label.includes(`pid ${part.pid}`) ? '' : `, pid ${part.pid}`;
    return `${part.id} (${part.label}${pid})`;
  });
  return `the session recorded ${described.join(', ')}`;
}
