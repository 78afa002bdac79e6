/**
 * Findings while recording: re-runs the analyses over the snapshots so far (every few snapshots, since
 * they look at trends) and reports each finding when it first appears or its severity changes.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { findingIdentity } from '../../core/bridge/finding-identity';
import { analyzeSession } from '../../core/findings/analyze-session';
import type { Finding } from '../../core/findings/finding';
import { sessionOfSnapshots } from '../../core/session/session-of-snapshots';
import type { AttachedTarget } from '../inspector/attached-target';
import { recordingHeader } from '../recorder/recording-header';
import type { RecordingOptions } from '../recorder/recording-options';

/** Snapshots between two analyses: the analyses are cheap, but trends need a few new points. */
const ANALYZE_EVERY = 3;
/** Snapshots kept for the analyses: an hour at the default interval (the file keeps them all). */
const MAX_SNAPSHOTS = 3600;

export interface LiveFindings {
  add(snapshot: AgentSnapshot): void;
}

export function createLiveFindings(
  target: AttachedTarget,
  options: RecordingOptions,
  version: string,
  report: (finding: Finding) => void,
): LiveFindings {
  const snapshots: AgentSnapshot[] = [];
  const reported = new Map<string, Finding['severity']>();
  // The array grows under the session: each analysis sees the snapshots so far.
  const session = sessionOfSnapshots(recordingHeader(target, options, version, Date.now()), snapshots);
  return {
    add(snapshot) {
      snapshots.push(snapshot);
      if (snapshots.length > MAX_SNAPSHOTS) snapshots.splice(0, snapshots.length - MAX_SNAPSHOTS);
      if (snapshots.length % ANALYZE_EVERY !== 0) return;
      for (const finding of analyzeSession(session)) {
        const key = findingIdentity(finding);
        if (reported.get(key) === finding.severity) continue;
        reported.set(key, finding.severity);
        report(finding);
      }
    },
  };
}
