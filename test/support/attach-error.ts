/** Expecting an attach (or launch) to fail with an `AttachError`, for the inspector tests. */
import { expect } from 'vitest';
import { AttachError } from '../../main/inspector/attached-target';

/** Resolves with the `AttachError` `promise` rejects with; fails the test when it resolves or throws another. */
export async function attachError(promise: Promise<unknown>, verb = 'attached'): Promise<AttachError> {
  const error = await promise.then(
    () => new Error(`${verb}, but expected a failure`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AttachError);
  return error as AttachError;
}
