/** Who is calling: the bearer token of every front request, looked up in the session store. */
import type { IncomingMessage } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { HttpError } from './http-json';

/** A signed-in customer. */
export interface CustomerSession {
  customerId: number;
}

/** Demo tokens are `demo-<customer id>`; the load loop sends one per client. */
export function demoToken(customerId: number): string {
  return `demo-${customerId}`;
}

/** The session of the request's `authorization: Bearer <token>`; 401 without a known token. */
export async function authenticate(request: IncomingMessage): Promise<CustomerSession> {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw new HttpError(401, 'missing bearer token');
  const session = await loadSession(token);
  if (!session) throw new HttpError(401, 'unknown session');
  return session;
}

// A stand-in for a session cache such as Redis: it answers on a later turn of the event loop.
async function loadSession(token: string): Promise<CustomerSession | undefined> {
  await nextTurn();
  const customerId = Number(/^demo-(\d{1,6})$/.exec(token)?.[1]);
  return customerId > 0 ? { customerId } : undefined;
}
