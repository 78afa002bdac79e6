/**
 * Builds the desktop app: Electron main (`out/main`), the preload as CommonJS (`out/preload/index.cjs`:
 * a sandboxed preload cannot be an ES module) and the React renderer (`out/renderer`, also served by
 * browser mode). Relative asset URLs (`base: './'`) so the same build loads from `file://` and from HTTP.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
      chunkSizeWarningLimit: 2048,
    },
  },
});
