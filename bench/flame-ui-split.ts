/**
 * Where `hyperscope ui FILE` → CPU view spends its time, for one profile: milestones on the bench's clock
 * (server ready, session frame in, Dashboard, CPU view, flame drawn) and, from a CPU profile of the page
 * taken over CDP (1 ms sampling), the renderer's time inside its named steps. One extra run, not timed
 * with the others: the page's profiler costs a little. `HS_BENCH_FLAME_PAGE_PROFILE=FILE` keeps the page's profile.
 */
import { writeFileSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import { openBrowser, showView, startUi } from '../test/e2e/browser-app';

/** Renderer functions whose inclusive time is reported (names survive the renderer's unminified build). */
const STEPS = ['buildCpuModel', 'assembleTree', 'layoutFlame', 'drawFlame', 'flameRects'];

/**
 * Records, in the page before the app's own listeners run, when each WebSocket message was sent and
 * received (ms since navigation start) and how long it was: the app's code stays as it is.
 */
const WS_TIMES_SCRIPT = `(() => {
  const log = (window.__hsWs = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => log.push({ kind: 'open', at: performance.now(), chars: 0 }));
      this.addEventListener('message', (e) =>
        log.push({ kind: 'in', at: performance.now(), chars: typeof e.data === 'string' ? e.data.length : 0 }));
    }
    send(data) {
      log.push({ kind: 'out', at: performance.now(), chars: String(data).length });
      super.send(data);
    }
  };
})()`;

interface WsTime {
  kind: 'open' | 'out' | 'in';
  at: number;
  chars: number;
}

/** Milliseconds since the run started, each milestone on the bench's clock, unless said otherwise. */
export interface UiSplit {
  /** `hyperscope ui` printed its URL with no file: the CLI's own start. */
  bareStartMs: number;
  serverReadyMs: number;
  /** Launching headless Chromium, before the clock starts (the timed runs count it for neither). */
  browserLaunchMs: number;
  /** Page-side, ms since navigation start: the app's script ran (DOMContentLoaded), its socket opened. */
  pageScriptMs: number;
  socketOpenMs: number;
  /** Page-side: the request the session answered was sent, and the session (the biggest message) arrived. */
  sessionAskedMs: number;
  sessionInMs: number;
  sessionChars: number;
  /** Page-side: the flame graph was drawn (two frames after it showed). */
  pageDrawnMs: number;
  dashboardMs: number;
  cpuViewMs: number;
  flameDrawnMs: number;
  /** Inclusive renderer time (ms) per step name, over the whole run (the page does little else). */
  steps: Record<string, number>;
  /** The page's busiest functions by self time (ms), all run long. */
  topSelf: [string, number][];
}

export async function splitHyperscope(file: string): Promise<UiSplit> {
  const bare = performance.now();
  await (await startUi([])).stop();
  const bareStartMs = performance.now() - bare;
  const launch = performance.now();
  const { context, page } = await openBrowser();
  const browserLaunchMs = performance.now() - launch;
  const started = performance.now();
  const at = () => performance.now() - started;
  const ui = await startUi([file]).catch(async (error: unknown) => {
    await context.close();
    throw error;
  });
  const serverReadyMs = at();
  try {
    await page.addInitScript(WS_TIMES_SCRIPT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    await page.goto(ui.url);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 300_000 });
    const dashboardMs = at();
    await showView(page, 'CPU');
    const cpuViewMs = at();
    await page.getByRole('img', { name: /Flame graph/ }).waitFor({ timeout: 300_000 });
    const pageDrawnMs = (await page.evaluate(
      'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
    )) as number;
    const flameDrawnMs = at();
    const ws = (await page.evaluate('window.__hsWs')) as WsTime[];
    const pageScriptMs = (await page.evaluate(
      'performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd',
    )) as number;
    const session = ws.filter((t) => t.kind === 'in').sort((a, b) => b.chars - a.chars)[0];
    const asked = ws.filter((t) => t.kind === 'out' && session && t.at < session.at).at(-1);
    const { profile } = await cdp.send('Profiler.stop');
    // To look further (in speedscope, or `hyperscope ui` itself): the page's profile as a .cpuprofile.
    const keep = process.env.HS_BENCH_FLAME_PAGE_PROFILE;
    if (keep) writeFileSync(keep, JSON.stringify(profile));
    const times = functionTimes(profile);
    return {
      bareStartMs,
      serverReadyMs,
      browserLaunchMs,
      pageScriptMs,
      socketOpenMs: ws.find((t) => t.kind === 'open')?.at ?? NaN,
      sessionAskedMs: asked?.at ?? NaN,
      sessionInMs: session?.at ?? NaN,
      sessionChars: session?.chars ?? 0,
      pageDrawnMs,
      dashboardMs,
      cpuViewMs,
      flameDrawnMs,
      steps: Object.fromEntries(STEPS.map((name) => [name, times.inclusive.get(name) ?? 0])),
      topSelf: [...times.self].sort((a, b) => b[1] - a[1]).slice(0, 12),
    };
  } finally {
    await context.close();
    await ui.stop();
  }
}

/** Inclusive time per function name (each name counted once per sample) and self time per name@url. */
function functionTimes(profile: Protocol.Profiler.Profile): {
  inclusive: Map<string, number>;
  self: Map<string, number>;
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one (the last gets none).
    const ms = ((deltas[i + 1] ?? 0) as number) / 1000;
    const leaf = byId.get(samples[i]!)!;
    const frame = leaf.callFrame;
    const label = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
    self.set(label, (self.get(label) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  return { inclusive, self };
}

/** The split as the bench prints it, under the real profile's rows. */
export function printSplit(split: UiSplit): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `  split (profiled run, bench clock): Chromium launched in ${ms(split.browserLaunchMs)} (not counted); ` +
      `hyperscope ui with no file up in ${ms(split.bareStartMs)}; with the file: server ready ${ms(split.serverReadyMs)}, Dashboard ${ms(split.dashboardMs)}, ` +
      `CPU view ${ms(split.cpuViewMs)}, flame drawn ${ms(split.flameDrawnMs)}`,
  );
  console.log(
    `  split (page clock, since navigation): script ran ${ms(split.pageScriptMs)}, socket open ${ms(split.socketOpenMs)}, ` +
      `session asked ${ms(split.sessionAskedMs)}, session in ${ms(split.sessionInMs)} ` +
      `(${(split.sessionChars / 2 ** 20).toFixed(1)} Mi chars), flame drawn ${ms(split.pageDrawnMs)}`,
  );
  const steps = Object.entries(split.steps).map(([name, t]) => `${name} ${ms(t)}`);
  console.log(`  renderer inclusive: ${steps.join(', ')}`);
  console.log(`  renderer self: ${split.topSelf.map(([name, t]) => `${name} ${ms(t)}`).join('; ')}`);
}
