/**
 * Findings' frames in original sources: the same report with every frame a source map covers moved to
 * its original file, line and column. Frames of findings are call sites (stack traces), where a map's
 * `name` is the callee's identifier, not the function's: the function name is kept as V8 gave it.
 */
import type { Frame } from '../frame';
import { originalFrame, type SourceMaps } from '../profile/source-map';
import type { Report } from './report';

export function remapReportFrames(report: Report, maps: SourceMaps): Report {
  if (maps.size === 0) return report;
  const remap = (frame: Frame): Frame => {
    const original = originalFrame(frame, maps);
    return original ? { ...original, functionName: frame.functionName } : frame;
  };
  return {
    ...report,
    findings: report.findings.map((finding) => ({ ...finding, frames: finding.frames.map(remap) })),
  };
}

/** Every script url the report's frames name, for loading their source maps. */
export function reportFrameUrls(report: Report): Set<string> {
  return new Set(
    report.findings.flatMap((finding) => finding.frames.map((frame) => frame.url)).filter(Boolean),
  );
}
