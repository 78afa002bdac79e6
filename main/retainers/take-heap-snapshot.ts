/**
 * Takes a heap snapshot of the target over the inspector and reads it as it streams in: V8 sends it in
 * chunks of text (`HeapProfiler.addHeapSnapshotChunk`), each pushed into the reader at once, so the
 * recorder holds the compact graph, never the text. With `keepAs`, the text also goes to that file for
 * DevTools, written chunk by chunk.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { HeapGraph } from '../../core/retainers/heap-graph';
import { HeapSnapshotReader } from '../../core/retainers/snapshot-reader';
import type { InspectorSession } from '../inspector/inspector-session';

export interface TakenSnapshot {
  graph: HeapGraph;
  /** When V8 began writing it, ms since the epoch. */
  time: number;
  /** How long the target was stopped: from the command to its reply, ms (V8 writes it on the target's thread). */
  pauseMs: number;
  /** The snapshot's size as text, bytes (UTF-16 code units: close to its bytes). */
  textLength: number;
}

export async function takeHeapSnapshot(session: InspectorSession, keepAs?: string): Promise<TakenSnapshot> {
  const reader = new HeapSnapshotReader();
  const file = keepAs === undefined ? undefined : openSync(keepAs, 'w');
  let textLength = 0;
  let failure: unknown;
  const off = session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    if (failure) return;
    textLength += chunk.length;
    try {
      reader.push(chunk);
      if (file !== undefined) writeSync(file, chunk);
    } catch (error) {
      failure = error; // reported once the command returns: the rest of the chunks still arrive
    }
  });
  const time = Date.now();
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.takeHeapSnapshot', {
      reportProgress: false,
      captureNumericValue: false,
    });
  } finally {
    off();
    if (file !== undefined) closeSync(file);
  }
  const pauseMs = Date.now() - time;
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return { graph: reader.finish(), time, pauseMs, textLength };
}
