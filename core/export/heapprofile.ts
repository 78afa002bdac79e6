/**
 * Exports an allocation model as Chrome DevTools' `.heapprofile` (CDP `HeapProfiler.SamplingHeapProfile`):
 * a nested `head` tree with `selfSize` in bytes and the samples, written as JSON chunks without
 * recursion (stacks can be thousands deep). `_hyperscope` records what the window included.
 */
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import type { HeapProfileExtras } from '../import/heapprofile';
import { batched, num } from './chunks';
import { callFrameJson, devtoolsIds, ROOT_CALL_FRAME } from './devtools-nodes';

/** The `.heapprofile` JSON of `model` (value type `space`, bytes), in chunks. */
export function* heapprofileChunks(model: ProfileModel, extras: HeapProfileExtras): Generator<string> {
  yield* batched(heapprofilePieces(model, extras));
}

function* heapprofilePieces(model: ProfileModel, extras: HeapProfileExtras): Generator<string> {
  const space = valueIndexOf(model, 'space');
  if (space < 0) throw new RangeError('not an allocation profile (no bytes)');
  const { synthetic, idOf } = devtoolsIds(model);
  const bytes = model.nodes.self[space]!;
  // `open` nodes are those whose children list is still being written; `written[d]`: level d has a node.
  let open = 0;
  const written: boolean[] = [];
  yield '{"head":';
  if (synthetic) {
    yield `{"callFrame":${ROOT_CALL_FRAME},"selfSize":0,"id":1,"children":[`;
    open = 1;
  }
  const offset = synthetic ? 1 : 0;
  for (let i = 0; i < model.nodes.count; i++) {
    const level = model.nodes.depth[i]! + offset;
    while (open > level) {
      yield ']}';
      open--;
    }
    if (written[level]) yield ',';
    written[level] = true;
    written.length = level + 1;
    const frame = model.frames[model.nodes.frame[i]!];
    yield `{"callFrame":${callFrameJson(frame)},"selfSize":${num(bytes[i]!)},"id":${idOf(i)},"children":[`;
    open++;
  }
  while (open > 0) {
    yield ']}';
    open--;
  }
  if (!synthetic && model.nodes.count === 0)
    yield `{"callFrame":${ROOT_CALL_FRAME},"selfSize":0,"id":1,"children":[]}`;
  yield ',"samples":[';
  const samples = model.samples;
  if (samples) {
    let first = true;
    for (let s = 0; s < samples.node.length; s++) {
      const node = samples.node[s]!;
      if (node < 0) continue;
      yield `${first ? '' : ','}{"size":${num(samples.value[s]!)},"nodeId":${idOf(node)},"ordinal":${s + 1}}`;
      first = false;
    }
  }
  yield `],"_hyperscope":${JSON.stringify(extras)}}\n`;
}
