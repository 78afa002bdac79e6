/**
 * A report's frames in original sources: the same report with every frame a source map covers moved to
 * its original file, line and column — in findings, the CPU and allocation tables and the promise chains. Frames of
 * findings are often call sites (stack traces), where a map's `name` is the callee's identifier, not the
 * function's: the function name is kept as V8 gave it everywhere. A frame left in a module whose url is a
 * `data:` URL (the whole compiled module, kilobytes) is named by `displayUrl` instead, maps or not.
 */
import type { Frame } from '../frame';
import { displayUrl, isDataUrl } from '../profile/data-url-module';
import { originalFrame, type SourceMaps } from '../profile/source-map';
import type { Report } from './report';
import type { GrowthHolderSummary } from '../retainers/heap-growth';
import { holderLabel, holderPathText } from '../retainers/holder-text';
import { heapGrowthUrls, remapHeapGrowth, remapHolder } from '../retainers/remap-heap-growth';

export function remapReportFrames(report: Report, maps: SourceMaps): Report {
  if (maps.size === 0 && !reportNamesDataUrl(report)) return report;
  const remap = (frame: Frame): Frame => {
    const original = originalFrame(frame, maps);
    if (original) return { ...original, functionName: frame.functionName };
    return isDataUrl(frame.url) ? { ...frame, url: displayUrl(frame.url) } : frame;
  };
  const remapRows = <R extends { frame: Frame }>(rows: R[]): R[] =>
    rows.map((row) => ({ ...row, frame: remap(row.frame) }));
  const { cpu, allocations, chains, heapGrowth } = report;
  return {
    ...report,
    findings: report.findings.map((finding) => {
      const frames = finding.frames.map(remap);
      const holders = finding.evidence.holders?.map((holder) => remapHolder(holder, maps));
      const moved = (text: string): string =>
        relocateHolders(relocateText(text, finding.frames, frames), finding.evidence.holders, holders);
      return {
        ...finding,
        frames,
        title: moved(finding.title),
        evidence: {
          ...finding.evidence,
          summary: moved(finding.evidence.summary),
          values: Object.fromEntries(
            Object.entries(finding.evidence.values).map(([k, v]) => [
              k,
              typeof v === 'string' ? moved(v) : v,
            ]),
          ),
          ...(holders ? { holders } : {}),
        },
        advice: moved(finding.advice),
      };
    }),
    ...(heapGrowth
      ? {
          heapGrowth: {
            ...remapHeapGrowth(heapGrowth, maps),
            allocatedBy: heapGrowth.allocatedBy.map((site) => ({ ...site, frame: remap(site.frame) })),
          },
        }
      : {}),
    ...(cpu ? { cpu: { ...cpu, top: remapRows(cpu.top) } } : {}),
    ...(allocations
      ? {
          allocations: {
            ...allocations,
            top: remapRows(allocations.top),
            topAlive: remapRows(allocations.topAlive),
          },
        }
      : {}),
    ...(chains
      ? {
          chains: {
            ...chains,
            groups: chains.groups.map((group) => ({
              ...group,
              frames: group.frames.map(remap),
              ...(group.waitFrames ? { waitFrames: group.waitFrames.map(remap) } : {}),
            })),
          },
        }
      : {}),
  };
}

/**
 * Titles and summaries name places as `url:line`, `url:line:column` or `fn (file:line)` (the url's last
 * part): say them as the remapped frames do, so a report never mixes bundle and source locations.
 */
function relocateText(text: string, before: readonly Frame[], after: readonly Frame[]): string {
  let out = text;
  const file = (url: string): string => displayUrl(url).split('/').pop() ?? '';
  before.forEach((old, i) => {
    const now = after[i];
    if (!now || now === old || !old.url) return;
    out = out
      .split(`${old.url}:${old.line}:${old.column}`)
      .join(`${now.url}:${now.line}:${now.column}`)
      .split(`${old.url}:${old.line}`)
      .join(`${now.url}:${now.line}`)
      .split(`(${file(old.url)}:${old.line})`)
      .join(`(${file(now.url)}:${now.line})`);
  });
  return out;
}

/** Holders' labels and paths in a finding's text, said as the remapped holders say them. */
function relocateHolders(
  text: string,
  before: readonly GrowthHolderSummary[] | undefined,
  after: readonly GrowthHolderSummary[] | undefined,
): string {
  let out = text;
  before?.forEach((old, i) => {
    const now = after![i]!;
    out = out
      .split(holderPathText(old))
      .join(holderPathText(now))
      .split(holderLabel(old))
      .join(holderLabel(now));
  });
  return out;
}

function reportNamesDataUrl(report: Report): boolean {
  return [...reportFrameUrls(report)].some(isDataUrl);
}

/** Every script url the report's frames name, for loading their source maps. */
export function reportFrameUrls(report: Report): Set<string> {
  const rows = [
    ...(report.cpu?.top ?? []),
    ...(report.allocations?.top ?? []),
    ...(report.allocations?.topAlive ?? []),
  ];
  return new Set(
    [
      ...report.findings.flatMap((finding) => finding.frames),
      ...rows.map((row) => row.frame),
      ...(report.chains?.groups.flatMap((group) => [...group.frames, ...(group.waitFrames ?? [])]) ?? []),
      ...(report.heapGrowth?.allocatedBy.map((site) => site.frame) ?? []),
    ]
      .map((frame) => frame.url)
      .concat(report.heapGrowth ? heapGrowthUrls(report.heapGrowth) : [])
      .concat(
        report.findings.flatMap((finding) => heapGrowthUrls({ holders: finding.evidence.holders ?? [] })),
      )
      .filter(Boolean),
  );
}
