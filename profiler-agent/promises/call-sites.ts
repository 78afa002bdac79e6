/**
 * Creation stacks, captured cheaply and formatted late. Capture keeps V8's raw frames on a holder
 * object (`captureStack` in ../stack-frames); the string is never built. At snapshot time the holder is
 * formatted through a momentary `Error.prepareStackTrace` swap that hands us structured CallSites, and
 * the user's handler is restored at once.
 */
import type { Frame } from '../../core/frame';
import { isAgentFrame, readStackWith } from '../stack-frames';

/** Turns a captured holder into frames, innermost first (all of them, internal ones included). */
export function formatStack(holder: object): Frame[] {
  const sites = readStackWith(holder, (_error, callSites) => callSites);
  if (!Array.isArray(sites)) return [];
  return (sites as NodeJS.CallSite[]).map(toFrame);
}

/** The service's own frames: node-internal and native ones dropped, unless nothing else is left. */
export function userFrames(all: Frame[]): Frame[] {
  const user = all.filter((frame) => !isInternal(frame));
  return user.length > 0 ? user : all;
}

function toFrame(site: NodeJS.CallSite): Frame {
  let name = site.getFunctionName() ?? '';
  const method = site.getMethodName();
  const type = site.getTypeName();
  if (!name && method) name = type ? `${type}.${method}` : method;
  if (site.isConstructor()) name = `new ${name || type || ''}`;
  const async = (site as { isAsync?: () => boolean }).isAsync?.() === true;
  if (async) name = `async ${name}`;
  return {
    functionName: name,
    url: site.getFileName() ?? site.getScriptNameOrSourceURL() ?? '',
    line: site.getLineNumber() ?? 0,
    column: site.getColumnNumber() ?? 0,
  };
}

/** Frames that are Node's, V8's or the agent's own rather than the service's. */
export function isInternal(frame: Frame): boolean {
  return (
    frame.url === '' ||
    frame.url.startsWith('node:') ||
    frame.url.startsWith('internal/') ||
    isAgentFrame(frame)
  );
}

/** A frame of an installed package (`node_modules`) rather than of the service's own code. */
export function isDependencyFrame(frame: Frame): boolean {
  return frame.url.includes('/node_modules/') || frame.url.includes('\\node_modules\\');
}

/** A short stable id for a stack key (FNV-1a, 32 bits, hex). */
export function hashKey(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
