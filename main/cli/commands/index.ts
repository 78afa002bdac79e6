/** Every sub-command, in the order `--help` lists them. Add a command by adding its file here. */
import type { Command } from '../command';
import { chainsCommand } from './chains';
import { demoCommand } from './demo';
import { diffCommand } from './diff';
import { exportCommand } from './export';
import { psCommand } from './ps';
import { recordCommand } from './record';
import { reportCommand } from './report';
import { uiCommand } from './ui';

export const commands: Command[] = [
  recordCommand,
  reportCommand,
  chainsCommand,
  exportCommand,
  diffCommand,
  psCommand,
  demoCommand,
  uiCommand,
];
