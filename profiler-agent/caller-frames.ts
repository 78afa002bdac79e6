/**
 * Stacks captured from inside a `patchMethod` observer: `captureStack(observer, depth)` cuts the observer
 * and everything above it, so the first frame is always the patch's wrapper (agent code). `callerFrames`
 * drops it and the library frames above the caller's own code.
 */
import type { Frame } from '../core/frame';
import { dropLeadingNodeFrames, capturedFrames, type CapturedStack } from './stack-frames';

/**
 * Frames of a stack captured by `captureStack(observer, depth)`, innermost first, starting at the first
 * frame that is neither Node's nor matched by `isLibrary`. When every frame is Node's or the library's (a connection
 * opened from an internal queue, as fetch does), those frames are kept: they still say what ran.
 */
export function callerFrames(
  stack: CapturedStack,
  isLibrary: (frame: Frame) => boolean = () => false,
): Frame[] {
  const frames = capturedFrames(stack).slice(1);
  const withoutNode = dropLeadingNodeFrames(frames);
  const first = withoutNode.findIndex((frame) => !frame.url.startsWith('node:') && !isLibrary(frame));
  return first < 0 ? frames : withoutNode.slice(first);
}
