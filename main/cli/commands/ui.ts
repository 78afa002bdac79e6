/**
 * `hyperscope ui [FILE]`: browser mode. Serves the app on 127.0.0.1 with a per-launch token, prints the
 * URL, opens a browser (unless --no-open), and runs until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../../bridge/backend';
import { startBrowserServer } from '../../bridge/browser-server';
import { appPaths } from '../../bridge/app-paths';
import { defaultPorts } from '../../bridge/default-ports';
import { downloadOutput } from '../../bridge/download-output';
import type { Command } from '../command';
import { UserError } from '../command';

const USAGE = `usage: hyperscope ui [FILE] [--port N] [--no-open]

Serves the Hyperscope app on http://127.0.0.1 (this machine only) and prints its URL, which carries
an access token. FILE is a session, or a profile file from another tool (.cpuprofile, .heapprofile,
pprof, speedscope), to show at start.
  --port N     the port to listen on (default: a free one)
  --no-open    do not open a browser`;

export const uiCommand: Command = {
  name: 'ui',
  summary: 'the app in a browser, on 127.0.0.1 (browser mode)',
  usage: USAGE,
  async run(args) {
    const { file, port, open } = parseUiArgs(args);
    const paths = appPaths();
    const backend = createBackend(
      defaultPorts({
        info: { mode: 'browser', version: process.env.HYPERSCOPE_VERSION ?? 'dev', nativeDialogs: false },
        output: downloadOutput,
        pickSessionFile: async () => null,
        cliPath: paths.cli,
      }),
    );
    if (file)
      await backend.openPath(resolve(file)).catch((error: unknown) => {
        throw new UserError(error instanceof Error ? error.message : String(error));
      });
    const server = await startBrowserServer({ backend, rendererDir: paths.renderer, port }).catch(
      (error: NodeJS.ErrnoException) => {
        throw new UserError(error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message);
      },
    );
    process.stdout.write(`hyperscope ui: ${server.url}\n`);
    if (open) openBrowser(server.url);
    // `on`, not `once`: a second signal (npm start forwards one, the terminal sends another) must not
    // kill us before the recording is closed and the demo stopped.
    await new Promise<void>((done) => {
      process.on('SIGINT', () => done());
      process.on('SIGTERM', () => done());
    });
    await backend.dispose().catch(() => undefined);
    await server.close();
    return 0;
  },
};

function parseUiArgs(args: string[]): { file: string | undefined; port: number; open: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    });
    if (positionals.length > 1) throw new Error('give at most one session file');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port: not a port number: ${values.port}`);
    return { file: positionals[0], port, open: !values['no-open'] };
  } catch (error) {
    throw new UserError(
      `${error instanceof Error ? error.message : String(error)} (see hyperscope ui --help)`,
      2,
    );
  }
}

/** Best effort: a machine without a browser or display still has the printed URL. */
function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the URL is printed above.
  }
}
