import { displayUrl } from './profile/data-url-module';

/**
 * One frame of a stack, as reports and findings show it.
 * `line` and `column` are 1-based (CDP call frames are 0-based: convert at the boundary).
 */
export interface Frame {
  functionName: string;
  /** A file path or URL (`file:///…`, `node:internal/…`); empty when unknown. */
  url: string;
  /** 1-based line number; 0 when unknown. */
  line: number;
  /** 1-based column number; 0 when unknown. */
  column: number;
}

/** `fn (url:line:column)`, the way stack traces print a frame; a `data:` url is shortened (`displayUrl`). */
export function formatFrame(frame: Frame): string {
  const where = frame.url ? `${displayUrl(frame.url)}:${frame.line}:${frame.column}` : '<unknown>';
  return `${frame.functionName || '(anonymous)'} (${where})`;
}

/** Whether `frame` is Node's own JavaScript (`node:…`) or a V8 builtin (no URL): code a user cannot change. */
export function isNodeCode(frame: Frame): boolean {
  return frame.url === '' || frame.url.startsWith('node:');
}
