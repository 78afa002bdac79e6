/**
 * `hyperscope export FILE --format F [--profile KIND] [--process WHICH] [-o OUT]`: a profile for other
 * tools; of every process and thread of a session merged, or of the one --process names.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  EXPORT_EXTENSIONS,
  EXPORT_FORMATS,
  defaultKind,
  exportProfile,
  type ExportFormat,
} from '../../../core/export/export-profile';
import { PROFILE_KINDS, type ProfileKind } from '../../../core/import/profile-set';
import { readNamedInput } from '../../export/read-profile-input';
import { writeExport } from '../../export/write-export';
import type { Command } from '../command';
import { printUnmappedNote } from '../unmapped-note';
import { parseCommandArgs, UserError } from '../command';

const USAGE = `usage: hyperscope export FILE --format FORMAT [--profile cpu|alloc|alive|chains]
                         [--process WHICH] [--lines] [-o OUT]

Writes one profile of FILE (a session, or a .cpuprofile, .heapprofile, pprof, speedscope or folded file)
in a format its own tool opens:
  speedscope    speedscope JSON (https://www.speedscope.app)
  folded        Brendan Gregg's folded stacks (flamegraph.pl, inferno)
  cpuprofile    Chrome DevTools CPU profile            heapprofile  Chrome DevTools heap profile
  pprof         gzipped protobuf for \`go tool pprof\`   html         interactive flame graph, one file
  svg           static flame graph
  --profile     cpu (default when present); alloc: allocated bytes (speedscope and pprof: allocated
                and still alive); alive: bytes still alive when sampling stopped; chains: pending
                promise chains, goroutine-like (speedscope, folded, pprof, html, svg)
  --all-frames  keep (idle), (program) and (root) in CPU flame graphs (html, svg leave them out)
  --process     a session of several processes and threads (a cluster, worker threads) exports all of
                them merged, the same function in every worker one stack; --process exports one: its
                id (main, p4243, p4242.t1), its label ("worker 2 of 4") or its pid
  --lines       a pprof input read one frame per source line (default: per function, as pprof -top)
  -o OUT        output file (default: next to FILE, with the format's extension and the --process
                part's id); - for stdout`;

interface ExportArgs {
  file: string;
  format: ExportFormat;
  kind: ProfileKind | undefined;
  out: string | undefined;
  allFrames: boolean;
  /** What --process named: one part of a session. */
  part: string | undefined;
  /** --lines: a pprof input read one frame per source line. */
  lines: boolean;
}

function parseExportArgs(args: string[]): ExportArgs {
  const parsed = parseCommandArgs({
    args,
    options: {
      format: { type: 'string', short: 'f' },
      profile: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'all-frames': { type: 'boolean', default: false },
      process: { type: 'string' },
      lines: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const { format, profile: kind, output: out, 'all-frames': allFrames, process: part, lines } = parsed.values;
  const [file, extra] = parsed.positionals;
  if (extra !== undefined) throw new UserError(`one input file only (got ${file} and ${extra})`, 2);
  if (!file) throw new UserError('no input file (usage: hyperscope export FILE --format FORMAT)', 2);
  if (!format) throw new UserError(`no --format (one of ${EXPORT_FORMATS.join(', ')})`, 2);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UserError(`unknown format "${format}" (one of ${EXPORT_FORMATS.join(', ')})`, 2);
  if (kind !== undefined && !(PROFILE_KINDS as readonly string[]).includes(kind))
    throw new UserError(`unknown profile "${kind}" (one of ${PROFILE_KINDS.join(', ')})`, 2);
  const kindOf = kind as ProfileKind | undefined;
  return { file, format: format as ExportFormat, kind: kindOf, out, allFrames, part, lines };
}

/**
 * FILE's name without its profile extension, plus `.PART` (a part's id, e.g. `p4243`) when one part was
 * chosen, `.KIND` for non-CPU kinds and the format's extension.
 */
export function defaultOutput(file: string, kind: ProfileKind, format: ExportFormat, part?: string): string {
  const stem = basename(file).replace(/(\.speedscope\.json|\.pb\.gz|\.[A-Za-z0-9]+)$/, '');
  const name = `${stem}${part ? `.${part}` : ''}${kind === 'cpu' ? '' : `.${kind}`}`;
  return join(dirname(file), `${name}${EXPORT_EXTENSIONS[format]}`);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a profile for speedscope, DevTools, pprof, flame graphs',
  usage: USAGE,
  async run(args) {
    const { file, format, kind: asked, out, allFrames, part: which, lines } = parseExportArgs(args);
    const { set, name, part } = await readNamedInput(file, which, printUnmappedNote('export'), { lines });
    for (const warning of set.warnings ?? []) process.stderr.write(`hyperscope export: ${warning}\n`);
    const kind = asked ?? defaultKind(set, format);
    const output = exportProfile(set, format, kind, name, { allFrames });
    const destination = out ?? defaultOutput(file, kind, format, part?.id);
    if (destination !== '-' && (await stat(destination).catch(() => null))?.isDirectory())
      throw new UserError(`${destination} is a directory`);
    const bytes = await writeExport(output, destination);
    if (destination !== '-') process.stderr.write(`wrote ${destination} (${bytes} bytes)\n`);
    // A user who asks for no kind expects CPU: say so when the input has none and another was written.
    if (!asked && kind !== 'cpu' && format !== 'heapprofile')
      process.stderr.write(
        `hyperscope export: no CPU profile in ${file}; wrote the ${kind} profile (use --profile to choose)\n`,
      );
    return 0;
  },
};
