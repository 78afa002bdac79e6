/**
 * Waits until a launched command's Node process announces its inspector, passing over the inspectors
 * of package managers (`npm start` runs npm itself under NODE_OPTIONS too), and connects to it.
 */
import type { ChildProcess } from 'node:child_process';
import type { TargetExit } from './attached-target';
import { AttachError } from './attached-target';
import { readInspectorTargets } from './inspector-http';
import type { AnnouncedUrls } from './launched-output';
import type { VerifiedSession } from './open-verified-session';
import { openVerifiedSession } from './open-verified-session';

// Main scripts of npm, npx, yarn, pnpm and corepack, as `/json/list` reports them (file:// URLs).
const PACKAGE_MANAGER_SCRIPT =
  /\/(npm-cli|npx-cli|yarn|pnpm|pnpx|corepack)(\.c?js)?$|\/node_modules\/(npm|yarn|pnpm|corepack)\/bin\//;

export interface LaunchWatch {
  /** The command as the user gave it, for messages. */
  command: string;
  child: ChildProcess;
  exited: Promise<TargetExit>;
  announcedUrls: AnnouncedUrls;
  /** Milliseconds to wait for the inspector. */
  timeoutMs: number;
}

/** Resolves with a verified session to the launched target, or fails with `target-exited`/`unreachable`. */
export async function waitForLaunchedInspector(watch: LaunchWatch): Promise<VerifiedSession> {
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    watch.child.once('error', (error) => reject(cannotStart(watch.command, error)));
    void watch.exited.then((exit) => reject(exitedEarly(exit)));
    timer = setTimeout(
      () =>
        reject(
          new AttachError(
            'unreachable',
            `the target did not open its inspector within ${watch.timeoutMs} ms`,
          ),
        ),
      watch.timeoutMs,
    );
  });
  failed.catch(() => undefined);
  try {
    for (;;) {
      const url = await Promise.race([watch.announcedUrls.next(), failed]);
      if (await isPackageManager(url)) continue;
      return await openVerifiedSession(url);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** True when the inspector at `url` is a package manager's (or already gone): not the target. */
async function isPackageManager(url: string): Promise<boolean> {
  const { hostname, port, pathname } = new URL(url);
  const targets = await readInspectorTargets({ host: hostname, port: Number(port) }).catch(() => null);
  if (!targets) return true;
  const entry = targets.find((t) => t.webSocketDebuggerUrl.endsWith(pathname)) ?? targets[0];
  return entry !== undefined && PACKAGE_MANAGER_SCRIPT.test(entry.url);
}

function cannotStart(command: string, error: Error): AttachError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'command not found' : code === 'EACCES' ? 'permission denied' : error.message;
  return new AttachError('target-exited', `cannot start "${command}": ${reason}`);
}

function exitedEarly(exit: TargetExit): AttachError {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return new AttachError('target-exited', `the target ${how} before its inspector opened`);
}
