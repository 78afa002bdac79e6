import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeBinary, type NodeMajor } from '../../test/support/node-versions';
import { InspectorBannerFilter } from './inspector-banner-filter';

const URL_1 = 'ws://127.0.0.1:40111/0a62a4b5-b41f-48d2-973d-8f6f0a235669';
const BANNER = `Debugger listening on ${URL_1}\nFor help, see: https://nodejs.org/en/docs/inspector\n`;

function feed(chunks: string[]) {
  const filter = new InspectorBannerFilter();
  let output = '';
  const urls: string[] = [];
  for (const chunk of chunks) {
    const result = filter.push(chunk);
    output += result.output;
    urls.push(...result.listeningUrls);
  }
  return { output: output + filter.flush(), urls };
}

describe('InspectorBannerFilter', () => {
  it('drops banner lines and collects the announced URL', () => {
    expect(feed([BANNER + 'app says hi\nDebugger attached.\n'])).toEqual({
      output: 'app says hi\n',
      urls: [URL_1],
    });
  });

  it('gives the same result however the text is split', () => {
    const text = `before\n${BANNER}Debugger ending on ${URL_1}\nWaiting for the debugger to disconnect...\nafter`;
    const whole = feed([text]);
    expect(whole).toEqual({ output: 'before\nafter', urls: [URL_1] });
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(feed([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(feed([...text])).toEqual(whole);
  });

  it('passes through at once what cannot be a banner line, even without a newline', () => {
    const filter = new InspectorBannerFilter();
    expect(filter.push('progress: 10%').output).toBe('progress: 10%');
    expect(filter.push(' Debugger listening on nothing\n').output).toBe(' Debugger listening on nothing\n');
    expect(filter.push('Debugger').output).toBe('');
    expect(filter.push(' says hello\n').output).toBe('Debugger says hello\n');
  });

  it('keeps lines that only resemble the banner', () => {
    expect(feed(['Debugger listening on port 3000 (not really)\n']).output).toBe(
      'Debugger listening on port 3000 (not really)\n',
    );
  });

  // The banner's text changes between majors (Node 22 moved its help link): check what each really prints.
  it.each<NodeMajor>([20, 22, 24, 26])(
    "filters the banner Node %i really prints, leaving the process's own stderr",
    async (major) => {
      const node = await nodeBinary(major);
      const script = "console.error('app line 1'); console.error('app line 2')";
      const { stderr } = await promisify(execFile)(node, ['--inspect=127.0.0.1:0', '-e', script], {
        timeout: 30_000,
      });
      expect(stderr).toMatch(/^Debugger listening on ws:\/\//);
      const byLine = feed(stderr.split(/(?<=\n)/));
      const byChar = feed([...stderr]);
      expect(byLine.output).toBe('app line 1\napp line 2\n');
      expect(byChar).toEqual(byLine);
      expect(byLine.urls).toHaveLength(1);
      expect(stderr).toContain(byLine.urls[0]);
    },
    120_000,
  );
});
