/** `hyperscope diff BASE FILE [--json]`: what grew and what shrank between two sessions or profiles. */
import { basename } from 'node:path';
import { diffInputs } from '../../../core/diff/diff-report';
import { formatDiffText } from '../../../core/diff/format-diff-text';
import { readProfileInput } from '../../export/read-profile-input';
import type { Command } from '../command';
import { printUnmappedNote } from '../unmapped-note';
import { UserError } from '../command';

const USAGE = `usage: hyperscope diff BASE FILE [--json] [--all-frames]

Compares FILE with BASE (sessions, or .cpuprofile, .heapprofile, pprof, speedscope or folded files):
per function, how much CPU time, allocated bytes and pending chains grew or shrank (base values scaled
to FILE's duration, or to its total when durations are unknown); for two sessions also the findings
that appeared or went away and the key series (peaks and means) side by side.
CPU leaves out V8's (idle), (program) and (root): waiting is not work.
  --json         one JSON object: {"schema": "hyperscope.diff/1", "profiles": [...], "findings", "series"}
  --all-frames   keep (idle), (program) and (root) in the CPU comparison`;

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two sessions or profiles: what grew, what shrank',
  usage: USAGE,
  async run(args) {
    const json = args.includes('--json');
    const allFrames = args.includes('--all-frames');
    const files = args.filter((arg) => arg !== '--json' && arg !== '--all-frames');
    const option = files.find((arg) => arg.startsWith('-') && arg !== '-');
    if (option) throw new UserError(`unknown option ${option}`, 2);
    if (files.length !== 2)
      throw new UserError('two files needed (usage: hyperscope diff BASE FILE [--json])', 2);
    const [basePath, currentPath] = files as [string, string];
    const [base, current] = await Promise.all([
      readProfileInput(basePath, printUnmappedNote('diff')),
      readProfileInput(currentPath, printUnmappedNote('diff')),
    ]);
    const report = diffInputs(
      { name: basename(basePath), set: base },
      { name: basename(currentPath), set: current },
      { allFrames },
    );
    if (report.profiles.length === 0 && !report.findings)
      throw new UserError(`nothing to compare: ${report.notes.join('; ') || 'no profiles in either input'}`);
    process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatDiffText(report));
    return 0;
  },
};
