/**
 * Starts a real Node process with its inspector on a free port (`--inspect=127.0.0.1:0`) and reads
 * the `ws://` URL it prints ("Debugger listening on ws://…") on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface InspectTargetOptions {
  /** The `node` binary (default: the one running the tests); see `nodeBinary` for other majors. */
  node?: string;
  /** Node flags placed before the script (after `--inspect`). */
  nodeArgs?: string[];
  /** Arguments after the script. */
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the inspector URL, ms (default 10 000). */
  timeoutMs?: number;
}

export interface InspectTarget {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The inspector's `ws://127.0.0.1:<port>/<id>` URL. */
  readonly wsUrl: string;
  /** Everything the target wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout, waiting up to `timeoutMs` (default 10 000). */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Kills the target (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
}

/** Spawns `node --inspect=127.0.0.1:0 [nodeArgs] script [args]` and waits for its inspector URL. */
export async function startInspectTarget(
  script: string,
  options: InspectTargetOptions = {},
): Promise<InspectTarget> {
  const child = spawn(
    options.node ?? process.execPath,
    ['--inspect=127.0.0.1:0', ...(options.nodeArgs ?? []), script, ...(options.args ?? [])],
    { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  const waitFor = (
    read: () => string,
    pattern: RegExp,
    timeoutMs: number,
    what: string,
  ): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = read().match(pattern);
        if (match) finish(() => resolve(match));
        return Boolean(match);
      };
      const onExit = (): void =>
        finish(() => reject(new Error(`target exited before ${what}; stderr: ${err}`)));
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out waiting for ${what}; stderr: ${err}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        child.off('exit', onExit);
        settle();
      };
      if (check()) return;
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('exit', onExit);
    });

  try {
    const match = await waitFor(
      () => err,
      /Debugger listening on (ws:\/\/\S+)/,
      options.timeoutMs ?? 10_000,
      'the inspector URL',
    );
    return {
      child,
      pid: child.pid ?? 0,
      wsUrl: match[1] ?? '',
      stdout: () => out,
      stderr: () => err,
      waitForStdout: (pattern, timeoutMs = 10_000) =>
        waitFor(() => out, pattern, timeoutMs, `${pattern} on stdout`),
      kill,
    };
  } catch (error) {
    await kill();
    throw error;
  }
}
