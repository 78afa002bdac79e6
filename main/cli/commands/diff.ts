/** `hyperscope diff BASE FILE [--json]`: what grew and what shrank between two sessions or profiles. */
import { diffInputs, type DiffedProfile } from '../../../core/diff/diff-report';
import { flameDiffChunks, flameDiffOf } from '../../../core/diff/flame-diff-export';
import { formatDiffText } from '../../../core/diff/format-diff-text';
import { readNamedInput } from '../../export/read-profile-input';
import { writeExport } from '../../export/write-export';
import type { Command } from '../command';
import { printUnmappedNote } from '../unmapped-note';
import { parseCommandArgs, UserError } from '../command';

const USAGE = `usage: hyperscope diff BASE FILE [--json] [--all-frames] [--process WHICH]
                       [--flame OUT.html|OUT.svg [--profile P]]

Compares FILE with BASE (sessions, or .cpuprofile, .heapprofile, pprof, speedscope or folded files):
per function, how much CPU time, allocated bytes and pending chains grew or shrank (base values scaled
to FILE's duration, or to its total when durations are unknown); for two sessions also the findings
that appeared or went away and the key series (peaks and means) side by side.
CPU leaves out V8's (idle), (program) and (root): waiting is not work. Sessions of several processes and
threads (a cluster, worker threads) are compared whole: profiles of all parts merged, findings with the
part they are in, series part by part (paired by label: "worker 2 of 4" with "worker 2 of 4").
  --json         one JSON object: {"schema": "hyperscope.diff/1", "profiles": [...], "findings", "series"}
  --all-frames   keep (idle), (program) and (root) in the CPU comparison
  --process P    compare one process or thread of each session: its id (main, p4243), its label
                 ("worker 2 of 4", the same in both) or its pid
  --flame OUT    also write a differential flame graph of FILE to OUT (.html interactive, .svg static):
                 width is FILE's value (stacks only BASE has keep their scaled base width), red grew,
                 blue shrank, the stronger the bigger the relative change
  --profile P    the profile --flame draws: cpu (default), allocated, alive or chains`;

const FLAME_PROFILES: readonly DiffedProfile[] = ['cpu', 'allocated', 'alive', 'chains'];

interface DiffArgs {
  files: string[];
  json: boolean;
  allFrames: boolean;
  /** What --process named: the part of each session to compare. */
  part: string | undefined;
  flame: { path: string; format: 'html' | 'svg'; profile: DiffedProfile } | undefined;
}

function parseDiffArgs(args: string[]): DiffArgs {
  const parsed = parseCommandArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      'all-frames': { type: 'boolean', default: false },
      flame: { type: 'string' },
      profile: { type: 'string' },
      process: { type: 'string' },
    },
    allowPositionals: true,
  });
  const { json, 'all-frames': allFrames, flame, profile, process: part } = parsed.values;
  if (profile !== undefined && !flame) throw new UserError('--profile chooses what --flame draws', 2);
  if (profile !== undefined && !(FLAME_PROFILES as readonly string[]).includes(profile))
    throw new UserError(`unknown profile "${profile}" (one of ${FLAME_PROFILES.join(', ')})`, 2);
  let flameOutput: DiffArgs['flame'];
  if (flame !== undefined) {
    const format = /\.(html|svg)$/i.exec(flame)?.[1]?.toLowerCase();
    if (format !== 'html' && format !== 'svg')
      throw new UserError(`--flame ${flame}: the file must end in .html or .svg`, 2);
    flameOutput = { path: flame, format, profile: (profile as DiffedProfile | undefined) ?? 'cpu' };
  }
  return { files: parsed.positionals, json, allFrames, flame: flameOutput, part };
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two sessions or profiles: what grew, what shrank',
  usage: USAGE,
  async run(args) {
    const { files, json, allFrames, flame, part } = parseDiffArgs(args);
    if (files.length !== 2)
      throw new UserError('two files needed (usage: hyperscope diff BASE FILE [--json])', 2);
    const [basePath, currentPath] = files as [string, string];
    const read = (path: string) => readNamedInput(path, part, printUnmappedNote('diff'));
    const [base, current] = await Promise.all([read(basePath), read(currentPath)]);
    const report = diffInputs(base, current, { allFrames });
    if (report.profiles.length === 0 && !report.findings)
      throw new UserError(`nothing to compare: ${report.notes.join('; ') || 'no profiles in either input'}`);
    if (flame) {
      const diff = flameDiffOf(base.set, current.set, flame.profile, { allFrames });
      if (!diff) throw new UserError(`--flame: no ${flame.profile} profile in both inputs`);
      const title = `${base.name} → ${current.name} — ${flame.profile}`;
      const bytes = await writeExport(
        { type: 'text', chunks: flameDiffChunks(diff, flame.format, title) },
        flame.path,
      );
      process.stderr.write(`wrote ${flame.path} (${bytes} bytes)\n`);
    }
    process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatDiffText(report));
    return 0;
  },
};
