/** `hyperscope ps [--json]`: local Node.js processes, with their Node version and inspector state. */
import { listNodeProcesses } from '../../ps/list-node-processes';
import { formatProcessTable } from '../../ps/format-process-table';
import type { Command } from '../command';
import { UserError } from '../command';

const USAGE = `usage: hyperscope ps [--json]

Lists the Node.js processes on this machine: pid, Node version, where the inspector listens
("closed" when it is not open; \`hyperscope record --pid PID\` opens it), and the command line.
  --json   one JSON object: {"schema": "hyperscope.ps/1", "processes": [...]}`;

/** The schema tag of `ps --json`. */
export const PS_SCHEMA = 'hyperscope.ps/1';

export const psCommand: Command = {
  name: 'ps',
  summary: 'list local Node.js processes, with inspector state',
  usage: USAGE,
  async run(args) {
    const unknown = args.filter((arg) => arg !== '--json');
    if (unknown.length > 0)
      throw new UserError(`unknown option ${unknown[0]} (usage: hyperscope ps [--json])`, 2);
    const processes = await listNodeProcesses();
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify({ schema: PS_SCHEMA, processes }, null, 2) + '\n');
    } else {
      process.stdout.write(
        formatProcessTable(processes, process.stdout.isTTY ? process.stdout.columns : undefined),
      );
    }
    return 0;
  },
};
