/**
 * Who a process is, from Linux's /proc: its executable, its command line, whether it is Node.js, and
 * its process ids in nested PID namespaces (a container's pid 1 is another pid here).
 */
import { readFile, readlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { readEnviron } from '../process-tree/process-environ';

export interface ProcessIdentity {
  pid: number;
  /** Path of the running executable (`/proc/<pid>/exe`), without the kernel's " (deleted)" suffix. */
  exe: string;
  /** argv as the process sees it. */
  argv: string[];
  /** Short name the kernel keeps (`/proc/<pid>/comm`), for messages. */
  name: string;
  isNode: boolean;
}

// node, nodejs, node20, node-20.11 … as installed by distributions, nvm, n, volta and tarballs.
const NODE_EXECUTABLE = /^(node|nodejs)([-_.]?v?\d+(\.\d+)*)?$/;

/**
 * Reads a process's identity. Throws the file system's error: ENOENT when it is gone, EACCES when
 * it belongs to another user.
 */
export async function readProcessIdentity(pid: number): Promise<ProcessIdentity> {
  const [exeLink, cmdline, comm] = await Promise.all([
    readlink(`/proc/${pid}/exe`),
    readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/comm`, 'utf8').catch(() => ''),
  ]);
  const exe = exeLink.replace(/ \(deleted\)$/, '');
  const argv = argvOfCmdline(cmdline);
  return {
    pid,
    exe,
    argv,
    name: comm.trim() || basename(exe),
    isNode: isNodeExecutable(exe),
  };
}

/**
 * The arguments in a `/proc/PID/cmdline`. A process that set its title (npm, PM2's daemon and apps)
 * has one string there, padded with spaces or NULs to the length of its old arguments.
 */
export function argvOfCmdline(cmdline: string): string[] {
  const argv = cmdline.replace(/\0+$/, '').split('\0');
  if (argv.length === 1) argv[0] = argv[0]!.trimEnd();
  return argv[0] === '' && argv.length === 1 ? [] : argv;
}

/** True when an executable path names a Node.js binary. */
export function isNodeExecutable(exePath: string): boolean {
  return NODE_EXECUTABLE.test(basename(exePath));
}

/**
 * The process's ids from the outermost PID namespace inward (`NSpid` in /proc/<pid>/status); a target
 * in a container reports the innermost one as its `process.pid`.
 */
export async function readNamespacePids(pid: number): Promise<number[]> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const line = /^NSpid:\s*(.+)$/m.exec(status)?.[1];
  return line ? line.trim().split(/\s+/).map(Number) : [pid];
}

/** `NODE_OPTIONS` from the process's environment at start, or '' when unreadable or unset. */
export async function readNodeOptions(pid: number): Promise<string> {
  return (await readEnviron(pid)).get('NODE_OPTIONS') ?? '';
}
