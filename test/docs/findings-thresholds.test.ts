// docs/findings.md cannot drift from the code silently: every finding kind has a section, every file a
// section names exists, and every constant in a Thresholds table is exported under that name by a source
// file the section names. Pure file reads.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8');
const DOC = read('docs/findings.md');

interface DocSection {
  title: string;
  body: string;
}

/** The `## ` sections of the page, without the preamble. */
function sections(markdown: string): DocSection[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => ({ title: part.slice(0, part.indexOf('\n')).trim(), body: part }));
}

/** Backticked repository paths of `.ts` files in the text. */
function namedFiles(body: string): string[] {
  return [...body.matchAll(/`([\w./-]+\/[\w.-]+\.ts)`/g)].map((m) => m[1]!);
}

/** Backticked names in the first column of each table whose header's first cell is `Constant`. */
function tableConstants(body: string): string[] {
  const names: string[] = [];
  let inConstantTable = false;
  for (const line of body.split('\n')) {
    if (!line.startsWith('|')) {
      inConstantTable = false;
      continue;
    }
    const first = line.split('|')[1]!.trim();
    if (first === 'Constant') inConstantTable = true;
    else if (inConstantTable && !/^-+$/.test(first))
      names.push(...[...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  }
  return names;
}

/** The kinds of `FindingKind`, read from its source. */
function findingKinds(): string[] {
  const source = read('core/findings/finding.ts');
  const union = /export type FindingKind =([^;]+);/.exec(source)![1]!;
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
}

const docSections = sections(DOC);

describe('docs/findings.md', () => {
  it('has a section for every finding kind', () => {
    const titles = docSections.map((s) => s.title);
    const kinds = findingKinds();
    expect(kinds.length).toBeGreaterThan(5);
    expect(kinds.filter((kind) => !titles.includes(kind))).toEqual([]);
  });

  it.each(docSections.map((s) => [s.title, s] as const))('%s: files named exist', (_title, section) => {
    expect(namedFiles(section.body).filter((path) => !existsSync(`${ROOT}${path}`))).toEqual([]);
  });

  it.each(docSections.filter((s) => tableConstants(s.body).length > 0).map((s) => [s.title, s] as const))(
    '%s: every constant in its tables is exported by a source file it names',
    (_title, section) => {
      const sources = namedFiles(section.body)
        .filter((path) => !path.endsWith('.test.ts') && existsSync(`${ROOT}${path}`))
        .map(read);
      expect(sources.length, 'the section names no source file').toBeGreaterThan(0);
      const missing = tableConstants(section.body).filter(
        (name) =>
          !/^[A-Z][A-Z0-9_]*$/.test(name) ||
          !sources.some((source) => new RegExp(`^export const ${name}\\b`, 'm').test(source)),
      );
      expect(missing).toEqual([]);
    },
  );

  it('reads the tables it checks (a table the parser missed would pass unread)', () => {
    const pool = docSections.find((s) => s.title === 'pool-starvation')!;
    expect(tableConstants(pool.body)).toContain('MIN_STARVED_MS');
    expect(tableConstants(pool.body)).toContain('CRITICAL_MIN_STARVED_MS');
    const total = docSections.reduce((n, s) => n + tableConstants(s.body).length, 0);
    expect(total).toBeGreaterThan(30);
  });
});
