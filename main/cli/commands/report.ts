/**
 * `hyperscope report FILE [--json] [--process WHICH]`: findings and summaries of a recorded session, like
 * `pprof -top`; a profile file from another tool gets its CPU and allocation tables (findings need a
 * recording). A session of several processes and threads is reported whole, or one part with --process.
 */
import { analysisContext } from '../../../core/findings/analysis-context';
import { pickPart } from '../../../core/parts/pick-part';
import { buildReport } from '../../../core/report/build-report';
import { formatTextReport } from '../../../core/report/format-text';
import { remapReportFrames, reportFrameUrls } from '../../../core/report/remap-report';
import { loadSourceMaps } from '../../profile/load-source-maps';
import { readSessionOrProfile } from '../../session/read-session-or-profile';
import type { Command } from '../command';
import { unmappedNote } from '../unmapped-note';
import { parseCommandArgs, UserError } from '../command';

export const reportCommand: Command = {
  name: 'report',
  summary: 'findings and summaries of a session or profile file (--json for machines)',
  usage: `hyperscope report FILE [--json] [--color] [--process WHICH] [--lines]

  --json     the report as JSON (schema "hyperscope.report/1")
  --color    ANSI colours in the text report (default: when stdout is a terminal)
  --process  in a session of several processes and threads (a cluster, worker threads), report one
             alone: its id (main, p4243, p4242.t1), its label ("worker 2 of 4") or its pid. By default
             every one is reported: findings with where they are, tables and summary of all together
  --lines    a pprof file read one frame per source line (default: one per function, as pprof -top)`,
  async run(argv) {
    const parsed = parseCommandArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        process: { type: 'string' },
        lines: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length > 0)
      throw new UserError('give one session or profile file: hyperscope report FILE', 2);
    const session = await readSessionOrProfile(file, { lines: parsed.values.lines });
    const which = parsed.values.process;
    const part = which === undefined ? undefined : pickPart(session, which).id;
    const generated = buildReport(session, analysisContext(session), part === undefined ? {} : { part });
    // Frames of transpiled or bundled code read better in the sources the target was built from.
    const { maps, problems } = await loadSourceMaps(reportFrameUrls(generated), {
      ranAt: session.header.createdAt,
      carried: session.sourceMaps,
    });
    if (problems.length > 0)
      process.stderr.write(
        unmappedNote(
          'report',
          problems.map((p) => `${p.url}: ${p.reason}`),
        ),
      );
    const report = remapReportFrames(generated, maps);
    if (parsed.values.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      const color = parsed.values.color ?? process.stdout.isTTY === true;
      process.stdout.write(formatTextReport(report, { color }) + '\n');
    }
    return 0;
  },
};
