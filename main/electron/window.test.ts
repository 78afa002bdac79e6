import { describe, expect, it, vi } from 'vitest';

// Electron itself cannot be downloaded here: the window is tested against a mock of its API.
const created: {
  options: Record<string, unknown>;
  handlers: Map<string, (...args: unknown[]) => void>;
  openHandler?: (d: { url: string }) => unknown;
}[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    handlers = new Map<string, (...args: unknown[]) => void>();
    webContents = {
      on: (event: string, handler: (...args: unknown[]) => void) => this.handlers.set(event, handler),
      setWindowOpenHandler: (handler: (d: { url: string }) => unknown) =>
        (created.at(-1)!.openHandler = handler),
    };
    constructor(options: Record<string, unknown>) {
      created.push({ options, handlers: this.handlers });
    }
    maximize() {}
    once() {}
    on() {}
    loadFile() {
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  return { BrowserWindow, session };
});

const { createMainWindow, isRendererUrl } = await import('./window');
const { session } = await import('electron');

describe('main window', () => {
  const indexHtml = '/app/out/renderer/index.html';
  createMainWindow({
    preload: '/app/out/preload/index.cjs',
    indexHtml,
    state: { width: 900, height: 600, maximized: false },
    onStateChange: () => undefined,
  });
  const window = created[0]!;

  it('isolates the renderer: context isolation, sandbox, no Node, CJS preload', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('blocks navigation away, new windows, and every permission', () => {
    const prevent = vi.fn();
    window.handlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalledTimes(1);
    window.handlers.get('will-navigate')!({ preventDefault: prevent }, 'file:///app/out/renderer/index.html');
    expect(prevent).toHaveBeenCalledTimes(1);
    expect(window.openHandler!({ url: 'https://nodejs.org/' })).toEqual({ action: 'deny' });
    expect(window.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const deny = vi.mocked(session.defaultSession.setPermissionRequestHandler).mock.calls[0]![0]!;
    const callback = vi.fn();
    deny({} as never, 'media', callback, {} as never);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('recognises only its own renderer page', () => {
    expect(isRendererUrl('file:///app/out/renderer/index.html', indexHtml)).toBe(true);
    expect(isRendererUrl('file:///app/out/renderer/other.html', indexHtml)).toBe(false);
    expect(isRendererUrl('http://127.0.0.1/index.html', indexHtml)).toBe(false);
    expect(isRendererUrl('not a url', indexHtml)).toBe(false);
  });
});
