/**
 * The one app window, locked down as Electron's security checklist asks: context isolation, sandbox, no
 * Node in the renderer, no navigation away, no new windows, no permissions, a CSP on every response.
 */
import { BrowserWindow, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../bridge/serve-static';
import type { WindowState } from './window-state';

export interface WindowOptions {
  preload: string;
  /** The renderer's `index.html`. */
  indexHtml: string;
  state: WindowState;
  onStateChange(state: WindowState): void;
}

/** True for a URL inside the packaged renderer (what IPC senders and navigations must be). */
export function isRendererUrl(url: string, indexHtml: string): boolean {
  const index = pathToFileURL(indexHtml);
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && parsed.pathname === index.pathname;
  } catch {
    return false;
  }
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    }),
  );
  const window = new BrowserWindow({
    ...options.state,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Hyperscope',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, past the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, options.indexHtml)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The app has no links to follow: nothing opens a window, inside the app or out.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const remember = (): void => {
    if (window.isDestroyed()) return;
    options.onStateChange({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('resized', remember);
  window.on('moved', remember);
  window.on('close', remember);
  void window.loadFile(options.indexHtml);
  return window;
}
