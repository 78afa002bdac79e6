/** Turns the record target the user named into an attached inspector session. */
import type { AttachedTarget } from '../inspector/attached-target';
import { attachByPid } from '../inspector/attach-pid';
import { attachByUrl } from '../inspector/attach-url';
import { launchTarget } from '../inspector/launch';
import type { RecordTarget } from './parse-record-args';

export function attachTarget(target: RecordTarget): Promise<AttachedTarget> {
  switch (target.kind) {
    case 'pid':
      return attachByPid(target.pid);
    case 'url':
      return attachByUrl(target.url, { allowRemote: target.allowRemote });
    case 'launch':
      return launchTarget(target.command, target.args, { keep: target.keep, forwardOutput: true });
  }
}
