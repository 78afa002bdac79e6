/** `hyperscope ps [--json]`: local Node.js processes as a tree, with Node version, inspector state and container. */
import { listNodeProcesses } from '../../ps/list-node-processes';
import { formatProcessTable } from '../../ps/format-process-table';
import type { Command } from '../command';
import { UserError } from '../command';

const USAGE = `usage: hyperscope ps [--json]

Lists the Node.js processes on this machine as a tree: a cluster primary's workers and PM2's apps
under the process that started them. For each: pid, role (primary, worker N, pm2-daemon, pm2-app
NAME, …), Node version, where the inspector listens ("closed" when it is not open; \`hyperscope
record --pid PID\` opens it), the container or own namespaces it runs in, and the command line.
A process in a network namespace of its own (a container) is not connected to: "127.0.0.1:9229
(ns)" means a socket listens on its inspector port on its own 127.0.0.1, unverified.
  --json   one JSON object: {"schema": "hyperscope.ps/1", "processes": [...]}, each process with
           ppid, role, parent and children (pids), clusterWorkerId, pm2App, pm2Daemon, container
           and ownNamespaces besides pid, argv, exe, nodeVersion and inspector ({host, port}, plus
           namespace: "own" and verified: false for one in its own network namespace)`;

/** The schema tag of `ps --json`. */
export const PS_SCHEMA = 'hyperscope.ps/1';

export const psCommand: Command = {
  name: 'ps',
  summary: 'list local Node.js processes as a tree (cluster, PM2), with inspector state',
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
