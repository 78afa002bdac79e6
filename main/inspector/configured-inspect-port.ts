/**
 * The port a Node process will open its inspector on when signalled, from its options: `--inspect-port`,
 * `--debug-port`, or the port part of `--inspect[-brk|-wait]=[host:]port`. Default 9229.
 */

/** Node's default inspector port. */
export const DEFAULT_INSPECT_PORT = 9229;

const PORT_OPTION = /^--(?:inspect-port|debug-port|inspect|inspect-brk|inspect-wait)=(?:.*:)?(\d+)$/;

/**
 * `nodeOptions` is the `NODE_OPTIONS` string, `argv` the command line; the command line wins, and
 * within each the last option wins, as in Node.
 */
export function configuredInspectPort(nodeOptions: string, argv: readonly string[]): number {
  let port = DEFAULT_INSPECT_PORT;
  for (const arg of [...nodeOptions.split(/\s+/), ...argv.slice(1)]) {
    const match = PORT_OPTION.exec(arg);
    if (match?.[1]) port = Number(match[1]);
  }
  return port;
}
