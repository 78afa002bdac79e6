/**
 * Strings from the target (function names, URLs, argv, hostnames) are data: printed to a terminal as
 * they are, an ANSI or OSC escape in a function name could clear the screen, retitle the window, hide
 * lines or forge output. Control characters and bidirectional overrides are shown as `\xNN`/`\u{…}`.
 */

// C0 and C1 controls, DEL, and the bidi embeddings/overrides/isolates ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character made visible; tabs and newlines become spaces. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\t' || c === '\n') return ' ';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** A copy of JSON-like `value` with {@link terminalSafe} applied to every string (keys included). */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => terminalSafeDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[terminalSafe(key)] = terminalSafeDeep(item);
    return out as T;
  }
  return value;
}
