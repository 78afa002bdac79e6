/**
 * What a Node process says about its place in a process tree, from its command line and its start-up
 * environment (formats checked on a real PM2 7.0.4 run and node:cluster on Node 20): a cluster worker
 * carries `NODE_UNIQUE_ID` (its `cluster.worker.id`); PM2's daemon sets its title to
 * `PM2 v7.0.4: God Daemon (/root/.pm2)`; a PM2 app in fork mode has `pm_id` and `name` in its
 * environment, one in cluster mode a `pm2_env` JSON holding them (and `NODE_UNIQUE_ID`, being a
 * cluster worker of the daemon).
 */

/** A PM2 daemon, from its process title. */
export interface Pm2Daemon {
  /** PM2's version, e.g. `7.0.4`. */
  version: string;
  /** Its `PM2_HOME`, e.g. `/root/.pm2`. */
  home: string;
}

/** A PM2 app. */
export interface Pm2App {
  /** PM2's id of the app (`pm2 list`'s id column); null when not found. */
  pmId: number | null;
  /** The app's name; null when not found. */
  name: string | null;
}

/** What one process says about itself. */
export interface ProcessKind {
  /** `cluster.worker.id` of a cluster worker; null for any other process. */
  clusterWorkerId: number | null;
  pm2Daemon: Pm2Daemon | null;
  pm2App: Pm2App | null;
}

const PM2_DAEMON_TITLE = /^PM2 v(\S+): God Daemon \((.*)\)\s*$/;

/** Reads `argv` (as `/proc/PID/cmdline` gives it) and the start-up environment of one process. */
export function processKindOf(argv: readonly string[], env: ReadonlyMap<string, string>): ProcessKind {
  const daemon = PM2_DAEMON_TITLE.exec(argv.join(' '));
  return {
    clusterWorkerId: positiveInteger(env.get('NODE_UNIQUE_ID')),
    pm2Daemon: daemon ? { version: daemon[1]!, home: daemon[2]! } : null,
    pm2App: daemon ? null : pm2AppOf(env),
  };
}

function pm2AppOf(env: ReadonlyMap<string, string>): Pm2App | null {
  const json = env.get('pm2_env');
  if (json !== undefined) {
    const parsed = parseObject(json);
    return {
      pmId: nonNegativeInteger(parsed?.pm_id),
      name: typeof parsed?.name === 'string' ? parsed.name : null,
    };
  }
  if (!env.has('pm_id')) return null;
  return { pmId: nonNegativeInteger(env.get('pm_id')), name: env.get('name') ?? null };
}

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function nonNegativeInteger(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function positiveInteger(value: string | undefined): number | null {
  const n = nonNegativeInteger(value);
  return n !== null && n > 0 ? n : null;
}
