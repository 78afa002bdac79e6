/**
 * The native menu: File (Attach…, Open Session…, Open Recent, Save, Export ▸, Diff with…), View (the app's
 * views, zoom, full screen) and Help. Pure: builds the template from callbacks, so tests need no Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ExportFormat, ExportProfileKind, MenuCommand } from '../../core/bridge/contract';

export interface MenuActions {
  /** Asks the renderer to do something (switch view, show the attach form). */
  command(command: MenuCommand): void;
  open(): void;
  openRecent(path: string): void;
  save(): void;
  export(format: ExportFormat, profile?: ExportProfileKind): void;
  about(): void;
}

const VIEW_ITEMS: { view: string; label: string }[] = [
  { view: 'attach', label: 'Attach' },
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'chains', label: 'Blocking Chains' },
  { view: 'allocations', label: 'Allocations' },
  { view: 'cpu', label: 'CPU' },
  { view: 'network', label: 'Network' },
  { view: 'findings', label: 'Findings' },
  { view: 'sessions', label: 'Sessions' },
];

const EXPORT_ITEMS: { label: string; format: ExportFormat; profile?: ExportProfileKind }[] = [
  { label: 'speedscope (CPU)…', format: 'speedscope', profile: 'cpu' },
  { label: 'speedscope (Allocations)…', format: 'speedscope', profile: 'alloc' },
  { label: 'Chrome DevTools .cpuprofile…', format: 'cpuprofile', profile: 'cpu' },
  { label: 'Chrome DevTools .heapprofile…', format: 'heapprofile', profile: 'alloc' },
  { label: 'pprof (CPU)…', format: 'pprof', profile: 'cpu' },
  { label: 'pprof (Allocations)…', format: 'pprof', profile: 'alloc' },
  { label: 'Folded Stacks…', format: 'folded', profile: 'cpu' },
  { label: 'pprof (Promise Chains)…', format: 'pprof', profile: 'chains' },
  { label: 'HTML Flame Graph…', format: 'html', profile: 'cpu' },
  { label: 'SVG Flame Graph…', format: 'svg', profile: 'cpu' },
];

export function buildMenuTemplate(
  actions: MenuActions,
  recent: readonly string[],
  isMac: boolean,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Attach…', accelerator: 'CmdOrCtrl+T', click: () => actions.command('attach') },
      { label: 'Open Session…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      {
        label: 'Open Recent',
        enabled: recent.length > 0,
        submenu: recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })),
      },
      { type: 'separator' },
      { label: 'Save…', accelerator: 'CmdOrCtrl+S', click: () => actions.save() },
      {
        label: 'Export',
        submenu: EXPORT_ITEMS.map((e) => ({
          label: e.label,
          click: () => actions.export(e.format, e.profile),
        })),
      },
      { label: 'Diff with…', accelerator: 'CmdOrCtrl+D', click: () => actions.command('diff') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...VIEW_ITEMS.map(({ view: name, label }, i) => ({
        label,
        accelerator: `Alt+${i + 1}`,
        click: () => actions.command(`view:${name}`),
      })),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About Hyperscope', click: () => actions.about() }],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    help,
  ];
}
