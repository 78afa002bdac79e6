/** What the DevTools formats (`.cpuprofile`, `.heapprofile`) share: node ids and CDP call frames. */
import type { ProfileFrame, ProfileModel } from '../profile/profile-model';

/**
 * DevTools wants one root: the model's own `(root)` when it is the only root, else a synthetic one (id 1).
 * `idOf(i)` is the id of model node `i`; `synthetic` says whether id 1 must be written as `(root)`.
 */
export function devtoolsIds(model: ProfileModel): { synthetic: boolean; idOf: (node: number) => number } {
  const only = model.roots.length === 1 ? model.roots[0]! : -1;
  const ownRoot = only >= 0 && model.frames[model.nodes.frame[only]!]?.category === 'root';
  return ownRoot ? { synthetic: false, idOf: (i) => i + 1 } : { synthetic: true, idOf: (i) => i + 2 };
}

/** A CDP `Runtime.CallFrame` as JSON: 0-based line and column, -1 when unknown. */
export function callFrameJson(frame: ProfileFrame | undefined): string {
  if (!frame) return ROOT_CALL_FRAME;
  return (
    `{"functionName":${JSON.stringify(frame.functionName)},"scriptId":${JSON.stringify(frame.scriptId ?? '0')},` +
    `"url":${JSON.stringify(frame.url)},"lineNumber":${frame.line - 1},"columnNumber":${frame.column - 1}}`
  );
}

export const ROOT_CALL_FRAME =
  '{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}';
