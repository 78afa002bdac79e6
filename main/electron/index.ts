/**
 * Electron main: one window over the shared backend. Thin on purpose — the backend, its ports and the
 * contract are the same as browser mode's; this file adds the window, menus, dialogs and app lifecycle.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, Menu } from 'electron';
import { join, resolve } from 'node:path';
import { createBackend } from '../bridge/backend';
import { appPaths } from '../bridge/app-paths';
import { defaultPorts } from '../bridge/default-ports';
import { electronOutput, electronPickSessionFile } from './electron-output';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { addRecent, loadRecent, saveRecent } from './recent-sessions';
import { createMainWindow, isRendererUrl } from './window';
import { loadWindowState, saveWindowState } from './window-state';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  const paths = appPaths();
  const indexHtml = join(paths.renderer, 'index.html');
  const userData = app.getPath('userData');
  const stateFile = join(userData, 'window-state.json');
  const recentFile = join(userData, 'recent-sessions.json');
  let recent = loadRecent(recentFile);
  let window: BrowserWindow | null = null;
  const current = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);

  const backend = createBackend(
    defaultPorts({
      info: { mode: 'electron', version: app.getVersion(), nativeDialogs: true },
      output: electronOutput(current),
      pickSessionFile: electronPickSessionFile(current),
      cliPath: paths.cli,
    }),
  );
  const remember = (path: string): void => {
    recent = addRecent(recent, path);
    saveRecent(recentFile, recent);
    app.addRecentDocument(path);
    setMenu();
  };
  backend.subscribe((event, payload) => {
    if (event === 'sessionOpened') {
      const path = (payload as { path: string | null }).path;
      if (path) remember(path);
    }
  });
  const openPath = (path: string): void => {
    void backend
      .openPath(resolve(path))
      .catch((error: unknown) =>
        dialog.showErrorBox(
          'Cannot open the session',
          String(error instanceof Error ? error.message : error),
        ),
      );
  };
  const report = (promise: Promise<unknown>): void => {
    void promise.catch((error: unknown) =>
      dialog.showErrorBox('Hyperscope', String(error instanceof Error ? error.message : error)),
    );
  };
  const setMenu = (): void => {
    const template = buildMenuTemplate(
      {
        command: (command) => backend.emit('menuCommand', command),
        open: () =>
          report(backend.handlers.pickSessionFile(undefined).then((path) => path && openPath(path))),
        openRecent: openPath,
        save: () => report(backend.handlers.saveSession({})),
        export: (format, profile) =>
          report(backend.handlers.exportSession(profile ? { format, profile } : { format })),
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'Hyperscope',
            message: `Hyperscope ${app.getVersion()}`,
            detail: 'A profiler for Node.js HTTP services.',
          }),
      },
      recent,
      process.platform === 'darwin',
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  registerIpcHandlers(
    ipcMain,
    backend,
    () => current()?.webContents ?? null,
    (url) => isRendererUrl(url, indexHtml),
  );
  setMenu();
  window = createMainWindow({
    preload: paths.preload,
    indexHtml,
    state: loadWindowState(stateFile),
    onStateChange: (state) => saveWindowState(stateFile, state),
  });

  // A session file given on the command line, now or by a second launch, opens in this window.
  const fileArgument = (argv: readonly string[]): string | undefined =>
    argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  const initial = fileArgument(process.argv);
  if (initial) window.webContents.once('did-finish-load', () => openPath(initial));
  app.on('second-instance', (_event, argv) => {
    const w = current();
    if (w) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
    const file = fileArgument(argv);
    if (file) openPath(file);
  });
  app.on('window-all-closed', () => {
    void backend.dispose().finally(() => app.quit());
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
