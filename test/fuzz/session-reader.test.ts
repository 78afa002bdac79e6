// Fuzzing the session reader (core assembler and the streaming file reader) with hostile files: the
// only acceptable outcomes are a Session or one SessionFormatError with a one-line message; and a
// session the reader accepts must also make a report without crashing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisContext } from '../../core/findings/analysis-context';
import { buildReport } from '../../core/report/build-report';
import { formatTextReport } from '../../core/report/format-text';
import { parseSessionText } from '../../core/session/session-assembler';
import type { Session } from '../../core/session/session';
import { SessionFormatError } from '../../core/session/session-error';
import { readSessionFile } from '../../main/session/read-session-file';
import {
  EXTENSIONS_FIXTURE_TEXT,
  FIXTURE_TEXT,
  bitFlipped,
  truncated,
  wrongTyped,
  wrongTypedExtension,
  wrongVersion,
} from './support/session-mutations';

/** Runs per property; the counts are in docs/reliability.md. */
export const RUNS = {
  truncated: 400,
  bitFlipped: 400,
  wrongTyped: 600,
  wrongTypedExtension: 1200,
  wrongVersion: 100,
  garbage: 300,
  file: 60,
};
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-fuzz-'));

/** Reads `text`; returns the session or the SessionFormatError; anything else fails the property. */
function readOrRefuse(text: string): Session | SessionFormatError {
  try {
    return parseSessionText(text, 'fuzzed.hyperscope');
  } catch (error) {
    if (error instanceof SessionFormatError) return error;
    throw error;
  }
}

/** A one-line message, naming the file. */
function expectClearError(error: SessionFormatError): void {
  expect(error.message).not.toContain('\n');
  expect(error.message.length).toBeLessThan(300);
}

/** What `hyperscope report` does with an accepted session; a crash fails with a short message. */
function report(session: Session, where = ''): void {
  try {
    formatTextReport(buildReport(session, analysisContext(session)));
  } catch (error) {
    const frame = (error as Error).stack?.split('\n').find((line) => line.includes('/core/')) ?? '';
    throw new Error(`report crashed on an accepted session (${where}): ${String(error)} ${frame.trim()}`);
  }
}

/** Reads, then reports what was accepted; a crash anywhere fails with a short message. */
function readThenReport(text: string, where: string): Session | SessionFormatError {
  let outcome: Session | SessionFormatError;
  try {
    outcome = readOrRefuse(text);
  } catch (error) {
    throw new Error(`reader crashed (${where}): ${String(error)}`);
  }
  if (outcome instanceof SessionFormatError) expectClearError(outcome);
  else report(outcome, where);
  return outcome;
}

describe('session reader under hostile input', () => {
  it('the unmodified fixture reads and reports', () => {
    const session = parseSessionText(FIXTURE_TEXT);
    expect(session.snapshots.length).toBeGreaterThan(3);
    expect(session.cpuProfiles).toHaveLength(1);
    report(session);
  });

  it('the unmodified extensions fixture reads whole, with full sections, and reports', () => {
    const session = parseSessionText(EXTENSIONS_FIXTURE_TEXT);
    expect(session.warnings).toEqual([]);
    const keys = session.snapshots.flatMap((snapshot) => Object.keys(snapshot.extensions ?? {}));
    expect(new Set(keys)).toEqual(new Set(['tls', 'undici', 'promises']));
    report(session);
  });

  it('truncated anywhere: a session up to the cut, or one clear error', () => {
    fc.assert(
      fc.property(truncated, (bytes) => {
        readThenReport(bytes.toString('utf8'), `cut at ${bytes.length}`);
      }),
      { numRuns: RUNS.truncated },
    );
  });

  it('bit-flipped: a session or one clear error', () => {
    fc.assert(
      fc.property(bitFlipped, (bytes) => {
        readThenReport(bytes.toString('utf8'), 'bit flips');
      }),
      { numRuns: RUNS.bitFlipped },
    );
  });

  it('a value of the wrong type anywhere: a session that reports, or one clear error', () => {
    fc.assert(
      fc.property(wrongTyped, ({ text, where }) => {
        readThenReport(text, where);
      }),
      { numRuns: RUNS.wrongTyped },
    );
  });

  it('a value of the wrong type in an extension section: the section dropped with a warning, never a crash', () => {
    const pristine = parseSessionText(EXTENSIONS_FIXTURE_TEXT);
    fc.assert(
      fc.property(wrongTypedExtension, ({ text, where }) => {
        const outcome = readThenReport(text, where);
        // Extension sections are never fatal: the file still reads, every snapshot with it.
        expect(outcome).not.toBeInstanceOf(SessionFormatError);
        expect((outcome as Session).snapshots).toHaveLength(pristine.snapshots.length);
      }),
      { numRuns: RUNS.wrongTypedExtension },
    );
  });

  it('a malformed extension section is dropped, named in a warning, and the rest kept', () => {
    const lines = EXTENSIONS_FIXTURE_TEXT.trimEnd().split('\n');
    const record = JSON.parse(lines[2]!) as { snapshot: { extensions: Record<string, unknown> } };
    record.snapshot.extensions['tls'] = { ...(record.snapshot.extensions['tls'] as object), hosts: [null] };
    lines[2] = JSON.stringify(record);
    const session = parseSessionText(lines.join('\n') + '\n');
    expect(session.warnings).toEqual([
      'dropped 1 malformed snapshot "tls" section(s) (first at line 3: wrong or missing "hosts.0")',
    ]);
    expect(session.snapshots[1]!.extensions).not.toHaveProperty('tls');
    expect(session.snapshots[1]!.extensions).toHaveProperty('undici');
  });

  it('another schema version: refused with a message naming it', () => {
    fc.assert(
      fc.property(wrongVersion, (text) => {
        expect(() => parseSessionText(text)).toThrow(/unsupported schema/);
      }),
      { numRuns: RUNS.wrongVersion },
    );
  });

  it('not a session at all (random text and bytes): one clear error', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('utf8')),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const outcome = readOrRefuse(text);
        expect(outcome).toBeInstanceOf(SessionFormatError);
        expectClearError(outcome as SessionFormatError);
      }),
      { numRuns: RUNS.garbage },
    );
  });

  it('deep nesting (100,000 levels) is refused before anything recurses into it', () => {
    const header = FIXTURE_TEXT.split('\n')[0]!;
    const deep = `{"type":"event","time":1,"level":"info","message":"x","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const started = Date.now();
    expect(() => parseSessionText(`${header}\n${deep}\n`)).toThrow(/line 2 nests deeper than \d+ levels/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('the streaming file reader gives the same outcomes as the in-memory one', async () => {
    const cases = fc.sample(
      fc.oneof(
        truncated,
        bitFlipped,
        wrongTyped.map((w) => Buffer.from(w.text)),
      ),
      RUNS.file,
    );
    for (const [index, bytes] of cases.entries()) {
      const file = join(dir, `case-${index}.hyperscope`);
      writeFileSync(file, bytes);
      const fromFile = await readSessionFile(file).catch((error: unknown) => error);
      const inMemory = readOrRefuse(bytes.toString('utf8'));
      if (inMemory instanceof SessionFormatError) {
        expect(fromFile).toBeInstanceOf(SessionFormatError);
      } else {
        expect(fromFile).not.toBeInstanceOf(Error);
        expect((fromFile as Session).snapshots.length).toBe(inMemory.snapshots.length);
      }
    }
  });
});
