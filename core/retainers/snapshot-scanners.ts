/**
 * Scanners for the values of a heap snapshot's top-level keys, fed the JSON text in chunks of any size
 * (a chunk may end inside a number, a string or an escape). Each `feed(text, from)` consumes what it can
 * and returns where its value ended in `text`, or -1 when it needs the next chunk.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;

export interface ValueScanner {
  feed(text: string, from: number): number;
}

/** `[1,2,3,…]` of non-negative integers (all of `nodes`, `edges` and `locations` are), each to `sink`. */
export class NumberArrayScanner implements ValueScanner {
  private started = false;
  private value = 0;
  private inNumber = false;

  constructor(private readonly sink: (value: number) => void) {}

  feed(text: string, from: number): number {
    let i = from;
    const length = text.length;
    if (!this.started) {
      while (i < length && text.charCodeAt(i) !== OPEN_BRACKET) i++;
      if (i === length) return -1;
      this.started = true;
      i++;
    }
    let value = this.value;
    let inNumber = this.inNumber;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= ZERO && code <= NINE) {
        value = value * 10 + (code - ZERO);
        inNumber = true;
      } else {
        if (inNumber) this.sink(value);
        value = 0;
        inNumber = false;
        if (code === CLOSE_BRACKET) return i + 1;
      }
    }
    this.value = value;
    this.inNumber = inNumber;
    return -1;
  }
}

/**
 * `["a","b\n",…]`: each string whose index `keep` accepts goes to `sink` decoded; the others are only
 * skipped, so a snapshot's string contents are never held.
 */
export class StringArrayScanner implements ValueScanner {
  private started = false;
  private inString = false;
  private escaped = false;
  private index = 0;
  private parts: string[] | undefined;

  constructor(
    private readonly keep: (index: number) => boolean,
    private readonly sink: (index: number, value: string) => void,
  ) {}

  feed(text: string, from: number): number {
    let i = from;
    const length = text.length;
    while (i < length) {
      if (!this.inString) {
        const code = text.charCodeAt(i++);
        if (code === OPEN_BRACKET && !this.started) this.started = true;
        else if (code === CLOSE_BRACKET && this.started) return i;
        else if (code === QUOTE) {
          this.inString = true;
          this.parts = this.keep(this.index) ? [] : undefined;
        }
        continue;
      }
      const start = i;
      let escaped = this.escaped;
      while (i < length) {
        const code = text.charCodeAt(i);
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) break;
        i++;
      }
      this.escaped = escaped;
      this.parts?.push(text.slice(start, i));
      if (i === length) return -1;
      i++; // the closing quote
      this.inString = false;
      if (this.parts) this.sink(this.index, decode(this.parts.join('')));
      this.index++;
    }
    return -1;
  }
}

function decode(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/**
 * Any JSON value, skipped (`trace_tree`, `samples`, …) or collected whole (`snapshot`, the small meta
 * object) when `collect` is set: brackets and braces are counted outside strings.
 */
export class ValueSkipper implements ValueScanner {
  private depth = 0;
  private started = false;
  private inString = false;
  private escaped = false;
  private readonly parts: string[] = [];

  constructor(private readonly collect = false) {}

  /** The value's text, when collected. */
  get text(): string {
    return this.parts.join('');
  }

  feed(text: string, from: number): number {
    const end = this.scan(text, from);
    if (this.collect) this.parts.push(text.slice(from, end === -1 ? text.length : end));
    return end;
  }

  private scan(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) {
          this.inString = false;
          if (this.depth === 0) return i + 1;
        }
        continue;
      }
      if (code === QUOTE) {
        this.inString = true;
        this.started = true;
      } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
        this.depth++;
        this.started = true;
      } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
        if (this.depth === 0) return i; // a bare scalar ended at its container's end
        if (--this.depth === 0) return i + 1;
      } else if (code === 0x2c && this.depth === 0 && this.started)
        return i; // a scalar's end
      else if (code > 0x20) this.started = true;
    }
    return -1;
  }
}
