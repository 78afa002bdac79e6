/** The renderer's entry: picks the bridge (Electron preload or browser-mode WebSocket) and mounts the app. */
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { pickBridge } from './bridge/pick-bridge';
import { BridgeProvider } from './bridge/bridge-context';
import { createAppStore } from './store/store';

const root = createRoot(document.getElementById('root') as HTMLElement);
try {
  const api = pickBridge(window);
  const store = createAppStore(api);
  root.render(
    <StrictMode>
      <BridgeProvider api={api} store={store}>
        <App />
      </BridgeProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <div className="fatal" role="alert">
      <h1>Hyperscope cannot reach its backend</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>,
  );
}
