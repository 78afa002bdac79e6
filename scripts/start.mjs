// `npm start`: the desktop app when Electron can run here, otherwise browser mode — so a newcomer always
// gets the app. Electron's binary is fetched on first start by `prestart` (electron's own `install-electron`,
// quietly: it is not part of `npm install`); when that failed, or there is no display, this says so in one
// line and serves the same app on 127.0.0.1 instead.
// With no session file given, the app opens on the Attach view, which offers the built-in demo service.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
/** An Electron that dies this soon did not start (missing libraries, no GPU, …): fall back. */
const EARLY_EXIT_MS = 5000;

process.chdir(root);
let reason = whyElectronCannotRun();
if (!reason) {
  ensureBuilt(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']);
  const started = Date.now();
  const code = await run(electronBinary(), ['.', ...args]);
  if (code === 0 || Date.now() - started > EARLY_EXIT_MS) process.exit(code);
  reason = `Electron exited at start with code ${code}`;
}
console.log(`hyperscope: Electron cannot run here (${reason}); opening the app in your browser instead.`);
ensureBuilt(['out/cli/hyperscope.js', 'out/renderer/index.html']);
process.exit(await run(process.execPath, ['out/cli/hyperscope.js', 'ui', ...args]));

/** Null when Electron can run, else why not (one short phrase). */
function whyElectronCannotRun() {
  const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!electronBinary()) {
    return display
      ? 'its binary could not be downloaded'
      : 'its binary is not installed and there is no display';
  }
  return display ? null : 'no display';
}

/** The Electron executable, as the `electron` package records it (without its download-on-require). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const name = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const path = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name)
      : join(dir, 'dist', name);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Builds what is missing of `outputs` (quietly; the build's output is shown only when it fails). */
function ensureBuilt(outputs) {
  if (outputs.every((file) => existsSync(file))) return;
  console.log('hyperscope: building the app (first start)…');
  for (const command of [
    ['scripts/build-node.mjs'],
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
  ]) {
    const result = spawnSync(process.execPath, command, { encoding: 'utf8' });
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      console.error('hyperscope: the build failed (above); `npm run build` shows it again.');
      process.exit(1);
    }
  }
}

/** Runs a child with this terminal, forwarding Ctrl-C; resolves with its exit code. */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}
