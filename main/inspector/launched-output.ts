/**
 * A launched child's output: stdout forwarded as is, stderr forwarded minus the inspector's banner,
 * and the inspector URLs the banner announced, handed out one by one.
 */
import type { ChildProcess } from 'node:child_process';
import { InspectorBannerFilter } from './inspector-banner-filter';

/** Where a launched child's output goes. */
export interface OutputSinks {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Announced inspector URLs in arrival order. */
export interface AnnouncedUrls {
  /** Resolves with the next URL announced (at once if one is waiting). */
  next(): Promise<string>;
}

/** Starts forwarding `child`'s output to `sinks` (or dropping it when null). */
export function forwardLaunchedOutput(child: ChildProcess, sinks: OutputSinks | null): AnnouncedUrls {
  if (sinks) child.stdout?.pipe(sinks.stdout, { end: false });
  else child.stdout?.resume();

  const waiting: string[] = [];
  let wake: (() => void) | null = null;
  const filter = new InspectorBannerFilter();
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const { output, listeningUrls } = filter.push(chunk);
    if (output && sinks) sinks.stderr.write(output);
    waiting.push(...listeningUrls);
    if (listeningUrls.length > 0) wake?.();
  });
  child.stderr?.on('end', () => {
    const rest = filter.flush();
    if (rest && sinks) sinks.stderr.write(rest);
  });

  return {
    async next() {
      while (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return waiting.shift() as string;
    },
  };
}
