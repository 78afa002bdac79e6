/**
 * Separates the lines Node's inspector writes to a process's stderr ("Debugger listening on ws://…",
 * "For help, see: …", "Debugger attached.", …) from the process's own output, and collects the
 * WebSocket URLs announced. Output that cannot be the start of a banner line passes through at once.
 */

const BANNER_LINES: readonly RegExp[] = [
  /^Debugger listening on (ws:\/\/\S+)$/,
  // Node 20 points to /en/docs/inspector, Node 22–26 to /learn/getting-started/debugging: any nodejs.org
  // page, so the next move of Node's docs does not leak the line into the user's terminal again.
  /^For help, see: https:\/\/nodejs\.org\/\S*$/,
  /^Debugger attached\.$/,
  /^Debugger ending on ws:\/\/\S+$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];
const BANNER_STARTS: readonly string[] = [
  'Debugger listening on ',
  'For help, see: ',
  'Debugger attached.',
  'Debugger ending on ',
  'Waiting for the debugger to disconnect...',
];

export interface FilteredOutput {
  /** The process's own output, to forward. */
  output: string;
  /** `ws://` URLs announced by "Debugger listening on" lines, in order. */
  listeningUrls: string[];
}

export class InspectorBannerFilter {
  /** The start of a line held back because it may still turn out to be a banner line. */
  private held = '';
  /** True while forwarding the rest of a line already known not to be a banner line. */
  private midLine = false;

  /** Feeds decoded text; returns what to forward now and any URLs announced. */
  push(chunk: string): FilteredOutput {
    const result: FilteredOutput = { output: '', listeningUrls: [] };
    let text = this.held + chunk;
    this.held = '';
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n')) {
      const line = text.slice(0, newline + 1);
      text = text.slice(newline + 1);
      if (this.midLine) {
        result.output += line;
        this.midLine = false;
        continue;
      }
      const body = line.replace(/\r?\n$/, '');
      const banner = BANNER_LINES.find((re) => re.test(body));
      if (!banner) result.output += line;
      const url = /^Debugger listening on (ws:\/\/\S+)$/.exec(body)?.[1];
      if (url) result.listeningUrls.push(url);
    }
    if (text === '') return result;
    if (!this.midLine && BANNER_STARTS.some((start) => start.startsWith(text) || text.startsWith(start))) {
      this.held = text;
    } else {
      result.output += text;
      this.midLine = true;
    }
    return result;
  }

  /** Whatever is still held back (call when the stream ends). */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}
