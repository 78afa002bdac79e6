/** Interning of frames: each distinct frame is stored once and referred to by index. */
import type { Protocol } from 'devtools-protocol';
import { AGENT_FRAME_NAME, isAgentUrl } from './agent-frames';
import { frameCategoryOf, type ProfileFrame } from './profile-model';

const AGENT_FRAME: FrameInput = { functionName: AGENT_FRAME_NAME, url: '', line: 0, column: 0 };

/** A frame before interning: everything but the category, which interning derives. */
export type FrameInput = Omit<ProfileFrame, 'category'>;

/**
 * Collects distinct frames in first-seen order; `intern` returns the frame's index. Call frames of the
 * agent (its url, or one of `agentScripts`) are all interned as the one `(hyperscope agent)` frame.
 */
export class FrameTable {
  private readonly index = new Map<string, number>();
  /** Call frames interned, by script id, line and column. */
  private readonly byPlace = new Map<
    string,
    { functionName: string; url: string; codeType: string | undefined; index: number }[]
  >();
  readonly frames: ProfileFrame[] = [];

  constructor(private readonly agentScripts: ReadonlySet<string> = new Set()) {}

  intern(input: FrameInput): number {
    const key = keyOf(
      input.functionName,
      input.url,
      input.line,
      input.column,
      input.scriptId,
      input.codeType,
    );
    return this.index.get(key) ?? this.add(key, input);
  }

  /** Interns a CDP call frame (0-based line/column, -1 when unknown) as a 1-based frame. */
  internCallFrame(callFrame: Protocol.Runtime.CallFrame, codeType?: string): number {
    const line = callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0;
    const column = callFrame.columnNumber >= 0 ? callFrame.columnNumber + 1 : 0;
    // Profiles repeat each frame in many nodes: look it up by its short place first (a key with the
    // url, often 100 characters, to build and hash for each of 200k nodes was most of a model's build).
    const place = `${callFrame.scriptId}\0${line}\0${column}`;
    const seen = this.byPlace.get(place);
    if (seen)
      for (const c of seen)
        if (c.functionName === callFrame.functionName && c.url === callFrame.url && c.codeType === codeType)
          return c.index;
    const index = this.internNew(callFrame, line, column, codeType);
    const entry = { functionName: callFrame.functionName, url: callFrame.url, codeType, index };
    if (seen) seen.push(entry);
    else this.byPlace.set(place, [entry]);
    return index;
  }

  private internNew(
    callFrame: Protocol.Runtime.CallFrame,
    line: number,
    column: number,
    codeType: string | undefined,
  ): number {
    const key = keyOf(callFrame.functionName, callFrame.url, line, column, callFrame.scriptId, codeType);
    const known = this.index.get(key);
    if (known !== undefined) return known;
    if (this.agentScripts.has(callFrame.scriptId) || isAgentUrl(callFrame.url)) {
      const agent = this.intern(AGENT_FRAME);
      this.index.set(key, agent);
      return agent;
    }
    const input: FrameInput = { functionName: callFrame.functionName, url: callFrame.url, line, column };
    return this.add(key, {
      ...input,
      scriptId: callFrame.scriptId,
      ...(codeType === undefined ? {} : { codeType }),
    });
  }

  private add(key: string, input: FrameInput): number {
    this.frames.push(Object.freeze({ ...input, category: frameCategoryOf(input.functionName, input.url) }));
    this.index.set(key, this.frames.length - 1);
    return this.frames.length - 1;
  }
}

function keyOf(
  name: string,
  url: string,
  line: number,
  column: number,
  scriptId = '',
  codeType = '',
): string {
  return `${name}\0${url}\0${line}\0${column}\0${scriptId}\0${codeType}`;
}
