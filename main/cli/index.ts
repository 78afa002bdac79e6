/**
 * `hyperscope` — the CLI entry. Each sub-command lives in `commands/<name>.ts`; this file only
 * dispatches and turns errors into one clear line and a non-zero exit.
 */
import type { Command } from './command';
import { UserError } from './command';
import { commands } from './commands';

const HELP = (): string =>
  [
    'hyperscope — a profiler for Node.js HTTP services',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    'Run `hyperscope COMMAND --help` for its options.',
  ].join('\n');

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${process.env.HYPERSCOPE_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(
      `hyperscope: unknown command "${name}" (try: ${commands.map((c) => c.name).join(', ')})\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`hyperscope ${name}: ${describe(error)}\n`);
    if (process.env.HYPERSCOPE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return error instanceof UserError ? error.exitCode : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hyperscope: ${describe(error)}\n`);
    process.exitCode = 1;
  },
);
