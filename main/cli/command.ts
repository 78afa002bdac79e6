import { parseArgs, type ParseArgsConfig } from 'node:util';

/** One CLI sub-command: gets its own arguments, returns the process exit code. */
export interface Command {
  readonly name: string;
  /** One line for `hyperscope --help`. */
  readonly summary: string;
  /** The usage lines printed by `hyperscope NAME --help`. */
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** An error meant for the user: printed as one line (`hyperscope: <message>`), exit code 1 or given. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** node:util's `parseArgs`; its mistakes (an unknown option, a missing value) become a UserError, exit 2. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UserError((error as Error).message, 2);
  }
}
