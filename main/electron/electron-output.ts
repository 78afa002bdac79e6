/** Electron's file ports: native save and open dialogs attached to the app window. */
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { WriteResult } from '../../core/bridge/contract';
import type { OutputFile } from '../bridge/backend-ports';

export function electronOutput(window: () => BrowserWindow | null) {
  return async (file: OutputFile, path?: string): Promise<WriteResult> => {
    let target = path;
    if (!target) {
      const owner = window();
      const options = { defaultPath: file.fileName };
      const choice = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
      target = choice.filePath;
    }
    await writeFile(target, file.bytes, { mode: 0o600 });
    return { kind: 'saved', path: target };
  };
}

export function electronPickSessionFile(window: () => BrowserWindow | null) {
  return async (): Promise<string | null> => {
    const owner = window();
    const options = {
      properties: ['openFile' as const],
      filters: [
        { name: 'Hyperscope sessions', extensions: ['hyperscope', 'ndjson', 'jsonl'] },
        // Profiles from other tools open as sessions without snapshots (recognised by content).
        { name: 'Profiles', extensions: ['cpuprofile', 'heapprofile', 'json', 'pb', 'gz', 'folded', 'txt'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  };
}
