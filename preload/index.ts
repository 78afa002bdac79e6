/** The preload (built as CommonJS: a sandboxed preload cannot be an ES module): exposes `window.hyperscope`. */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './build-api';

contextBridge.exposeInMainWorld('hyperscope', buildApi(ipcRenderer));
