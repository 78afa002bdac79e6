/** Interning of frames: each distinct frame is stored once and referred to by index. */
import type { Protocol } from 'devtools-protocol';
import { frameCategoryOf, type ProfileFrame } from './profile-model';

/** A frame before interning: everything but the category, which interning derives. */
export type FrameInput = Omit<ProfileFrame, 'category'>;

/** Collects distinct frames in first-seen order; `intern` returns the frame's index. */
export class FrameTable {
  private readonly index = new Map<string, number>();
  readonly frames: ProfileFrame[] = [];

  intern(input: FrameInput): number {
    const key = `${input.functionName}\0${input.url}\0${input.line}\0${input.column}\0${input.scriptId ?? ''}\0${input.codeType ?? ''}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const frame: ProfileFrame = Object.freeze({
      ...input,
      category: frameCategoryOf(input.functionName, input.url),
    });
    this.frames.push(frame);
    this.index.set(key, this.frames.length - 1);
    return this.frames.length - 1;
  }

  /** Interns a CDP call frame (0-based line/column, -1 when unknown) as a 1-based frame. */
  internCallFrame(callFrame: Protocol.Runtime.CallFrame, codeType?: string): number {
    const input: FrameInput = {
      functionName: callFrame.functionName,
      url: callFrame.url,
      line: callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0,
      column: callFrame.columnNumber >= 0 ? callFrame.columnNumber + 1 : 0,
    };
    const withIds: FrameInput =
      codeType === undefined
        ? { ...input, scriptId: callFrame.scriptId }
        : { ...input, scriptId: callFrame.scriptId, codeType };
    return this.intern(withIds);
  }
}
