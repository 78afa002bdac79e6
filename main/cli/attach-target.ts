/** Turns the record target the user named into an attached inspector session. */
import type { AttachedTarget } from '../inspector/attached-target';
import { attachByUrl } from '../inspector/attach-url';
import { launchTarget } from '../inspector/launch';
import { attachWithTree } from '../process-tree/attach-with-tree';
import type { RecordTarget } from './parse-record-args';

/** Prints a warning on stderr the way every command does. */
export function printWarning(warning: string): void {
  process.stderr.write(`hyperscope: warning: ${warning}\n`);
}

/**
 * Attaches to `target`. Warnings known before connecting (a remote inspector's) are printed then; the
 * returned target's `warnings` are what is left for the caller to print. By pid, a process with Node
 * children (a cluster primary) is made ready for `workers` to be followed, and leaves every inspector
 * of its tree closed at the end.
 */
export function attachTarget(
  target: RecordTarget,
  options: { workers?: boolean } = {},
): Promise<AttachedTarget> {
  switch (target.kind) {
    case 'pid':
      return attachWithTree(target.pid, { workers: options.workers ?? false });
    case 'url':
      return attachByUrl(target.url, { allowRemote: target.allowRemote, onWarning: printWarning });
    case 'launch':
      return launchTarget(target.command, target.args, { keep: target.keep, forwardOutput: true });
  }
}
