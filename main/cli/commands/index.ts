/** Every sub-command, in the order `--help` lists them. Add a command by adding its file here. */
import type { Command } from '../command';
import { demoCommand } from './demo';
import { psCommand } from './ps';

export const commands: Command[] = [demoCommand, psCommand];
