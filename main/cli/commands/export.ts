/** `hyperscope export FILE --format F [--profile KIND] [-o OUT]`: a profile for other tools. */
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
import { readProfileInput } from '../../export/read-profile-input';
import { writeExport } from '../../export/write-export';
import type { Command } from '../command';
import { printUnmappedNote } from '../unmapped-note';
import { parseCommandArgs, UserError } from '../command';

const USAGE = `usage: hyperscope export FILE --format FORMAT [--profile cpu|alloc|alive|chains] [-o OUT]

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
  -o OUT        output file (default: next to FILE, with the format's extension); - for stdout`;

interface ExportArgs {
  file: string;
  format: ExportFormat;
  kind: ProfileKind | undefined;
  out: string | undefined;
  allFrames: boolean;
}

function parseExportArgs(args: string[]): ExportArgs {
  const parsed = parseCommandArgs({
    args,
    options: {
      format: { type: 'string', short: 'f' },
      profile: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'all-frames': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const { format, profile: kind, output: out, 'all-frames': allFrames } = parsed.values;
  const [file, extra] = parsed.positionals;
  if (extra !== undefined) throw new UserError(`one input file only (got ${file} and ${extra})`, 2);
  if (!file) throw new UserError('no input file (usage: hyperscope export FILE --format FORMAT)', 2);
  if (!format) throw new UserError(`no --format (one of ${EXPORT_FORMATS.join(', ')})`, 2);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UserError(`unknown format "${format}" (one of ${EXPORT_FORMATS.join(', ')})`, 2);
  if (kind !== undefined && !(PROFILE_KINDS as readonly string[]).includes(kind))
    throw new UserError(`unknown profile "${kind}" (one of ${PROFILE_KINDS.join(', ')})`, 2);
  return { file, format: format as ExportFormat, kind: kind as ProfileKind | undefined, out, allFrames };
}

/** FILE's name without its profile extension, plus `.KIND` for non-CPU kinds and the format's extension. */
export function defaultOutput(file: string, kind: ProfileKind, format: ExportFormat): string {
  const stem = basename(file).replace(/(\.speedscope\.json|\.pb\.gz|\.[A-Za-z0-9]+)$/, '');
  return join(dirname(file), `${stem}${kind === 'cpu' ? '' : `.${kind}`}${EXPORT_EXTENSIONS[format]}`);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a profile for speedscope, DevTools, pprof, flame graphs',
  usage: USAGE,
  async run(args) {
    const { file, format, kind: asked, out, allFrames } = parseExportArgs(args);
    const set = await readProfileInput(file, printUnmappedNote('export'));
    const kind = asked ?? defaultKind(set, format);
    const output = exportProfile(set, format, kind, basename(file), { allFrames });
    const destination = out ?? defaultOutput(file, kind, format);
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
