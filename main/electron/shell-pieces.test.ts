import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuActions } from './menu';
import { buildMenuTemplate } from './menu';
import { addRecent, loadRecent, MAX_RECENT, saveRecent } from './recent-sessions';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from './window-state';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-shell-'));

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    command: (c) => calls.push(`command ${c}`),
    open: () => calls.push('open'),
    openRecent: (p) => calls.push(`recent ${p}`),
    save: () => calls.push('save'),
    export: (f, p) => calls.push(`export ${f} ${p ?? ''}`.trim()),
    about: () => calls.push('about'),
  };
  return { calls, actions };
}

const items = (menu: MenuItemConstructorOptions | undefined) =>
  (menu?.submenu ?? []) as MenuItemConstructorOptions[];
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('menu template', () => {
  it('has File with attach, open, recent, save, export and diff, and View with every view', () => {
    const { calls, actions } = recorder();
    const template = buildMenuTemplate(actions, ['/a.hyperscope'], false);
    const file = template.find((m) => m.label === 'File');
    const labels = items(file).map((i) => i.label ?? i.role ?? i.type);
    expect(labels).toEqual([
      'Attach…',
      'Open Session…',
      'Open Recent',
      'separator',
      'Save…',
      'Export',
      'Diff with…',
      'separator',
      'quit',
    ]);
    for (const label of ['Attach…', 'Open Session…', 'Save…', 'Diff with…'])
      click(items(file).find((i) => i.label === label));
    click(items(items(file).find((i) => i.label === 'Open Recent'))[0]);
    const exports = items(items(file).find((i) => i.label === 'Export'));
    expect(exports.length).toBeGreaterThanOrEqual(9);
    click(exports.find((i) => i.label === 'pprof (Allocations)…'));
    const view = items(template.find((m) => m.label === 'View'));
    click(view.find((i) => i.label === 'CPU'));
    expect(calls).toEqual([
      'command attach',
      'open',
      'save',
      'command diff',
      'recent /a.hyperscope',
      'export pprof alloc',
      'command view:cpu',
    ]);
    expect(template.some((m) => m.role === 'help')).toBe(true);
  });

  it('starts with the app menu on macOS and disables an empty recent list', () => {
    const template = buildMenuTemplate(recorder().actions, [], true);
    expect(template[0]?.role).toBe('appMenu');
    expect(
      items(template.find((m) => m.label === 'File')).find((i) => i.label === 'Open Recent')?.enabled,
    ).toBe(false);
  });
});

describe('recent sessions', () => {
  it('keeps the newest first, without duplicates, at most ten, across launches', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = addRecent(list, `/s${i}`);
    list = addRecent(list, '/s5');
    expect(list[0]).toBe('/s5');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    const file = join(dir, 'recent.json');
    saveRecent(file, list);
    expect(loadRecent(file)).toEqual(list);
    writeFileSync(file, '{"not": "a list"}');
    expect(loadRecent(file)).toEqual([]);
  });
});

describe('window state', () => {
  it('remembers bounds and falls back to the default when missing or damaged', () => {
    const file = join(dir, 'window.json');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    writeFileSync(file, '{"width": 5, "height": 5}');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, 'garbage');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
