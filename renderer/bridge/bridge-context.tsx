/**
 * Puts the bridge and the app store in React context, so views reach the backend through one interface
 * whichever face the app runs in (and tests can put a fake behind it).
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HyperscopeApi } from '../../core/bridge/contract';
import type { AppState, AppStore } from '../store/store';

interface BridgeContextValue {
  api: HyperscopeApi;
  store: AppStore;
}

const BridgeContext = createContext<BridgeContextValue | null>(null);

export function BridgeProvider(props: { api: HyperscopeApi; store: AppStore; children: ReactNode }) {
  return <BridgeContext value={{ api: props.api, store: props.store }}>{props.children}</BridgeContext>;
}

function useBridgeContext(): BridgeContextValue {
  const value = useContext(BridgeContext);
  if (!value) throw new Error('BridgeProvider is missing');
  return value;
}

/** The backend API. */
export function useApi(): HyperscopeApi {
  return useBridgeContext().api;
}

/** A slice of the app state; re-renders when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useBridgeContext().store, selector);
}
