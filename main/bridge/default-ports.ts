/**
 * The real backend ports, shared by browser mode and Electron: session files, analyses, the recorder, the
 * demo's scenarios. Only how written files reach the user (`output`) and native dialogs differ per face.
 */
import { readFile } from 'node:fs/promises';
import type { BackendInfo } from '../../core/bridge/contract';
import { analyzeParts } from '../../core/findings/analyze-parts';
import { scenarios } from '../../demo/scenarios';
import { remapSessionSources } from '../profile/session-source-maps';
import { inspectorText } from '../ps/format-process-table';
import { listNodeProcesses } from '../ps/list-node-processes';
import { parseSessionOrProfile, readSessionOrProfile } from '../session/read-session-or-profile';
import type { BackendPorts } from './backend-ports';
import { exportSessionFile } from './export-session';
import { attachLive } from './live-target';

export interface FacePorts {
  info: BackendInfo;
  output: BackendPorts['output'];
  pickSessionFile: BackendPorts['pickSessionFile'];
  /** The built CLI, to run the demo service as a child. */
  cliPath: string;
}

export function defaultPorts(face: FacePorts): BackendPorts {
  return {
    ...face,
    listProcesses: async () =>
      (await listNodeProcesses()).map((p) => ({
        pid: p.pid,
        command: p.argv.join(' '),
        nodeVersion: p.nodeVersion,
        inspectorAddress: p.inspector ? inspectorText(p.inspector) : null,
      })),
    listDemoScenarios: async () => scenarios.map(({ name, description }) => ({ name, description })),
    attach: (target) => attachLive(target, { cliPath: face.cliPath, version: face.info.version }),
    // Profile files from other tools open too, as sessions without snapshots (open and diff alike).
    readSessionFile: readSessionOrProfile,
    parseSession: parseSessionOrProfile,
    readBytes: async (path) => new Uint8Array(await readFile(path)),
    // A cluster's or a threaded service's session: each process and thread analysed, its findings placed.
    findings: (session) => analyzeParts(session),
    remapSources: (session) => remapSessionSources(session),
    exportSession: exportSessionFile,
  };
}
