/**
 * The stack a blocked event loop is stuck in. The inspector runs a collection as an interrupt on top of
 * whatever JavaScript holds the loop, so a stack captured during the collection holds, below our own
 * frames, the target's: the goroutine dump of a stuck main thread.
 */
import type { Frame } from '../core/frame';
import { captureStack, capturedFrames } from './stack-frames';

/** How many frames of the target's stack are kept. */
const MAX_FRAMES = 32;
/** Frames of our evaluation and of the agent sit on top of the target's; this many more are captured. */
const OWN_FRAMES = 16;

/** The target's frames under the current call, innermost first (the agent's and the evaluation's left out). */
export function blockedStack(): Frame[] {
  return capturedFrames(captureStack(blockedStack, MAX_FRAMES + OWN_FRAMES))
    .filter((frame) => frame.url !== '<anonymous>') // the evaluation the inspector runs
    .slice(0, MAX_FRAMES);
}
