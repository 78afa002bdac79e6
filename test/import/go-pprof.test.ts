// A Go CPU profile (a real Go program hashing for 1.5 s, built here with the installed `go`) reads as
// `go tool pprof -top` shows it: one row per function (crypto/sha256.block once, not once per source
// line); lines stay available on request (`report --lines`, importPprof's `lines`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPprof } from '../../core/import/pprof';
import type { Report } from '../../core/report/report';
import { runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';

const PROGRAM = `package main

import (
	"crypto/sha256"
	"os"
	"runtime/pprof"
	"time"
)

func main() {
	f, _ := os.Create(os.Args[1])
	pprof.StartCPUProfile(f)
	buf := make([]byte, 1<<16)
	end := time.Now().Add(1500 * time.Millisecond)
	for time.Now().Before(end) {
		sha256.Sum256(buf)
	}
	pprof.StopCPUProfile()
	f.Close()
}
`;

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-go-pprof-'));
const profile = join(dir, 'cpu.pprof');

beforeAll(() => {
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  const env = { ...process.env, GOCACHE: join(dir, 'gocache'), HOME: process.env.HOME ?? dir };
  execFileSync('go', ['run', 'main.go', profile], { cwd: dir, env, timeout: 120_000 });
}, 130_000);

describe('a Go CPU profile', () => {
  it('report: one row per function, as go tool pprof -top', async () => {
    ensureNodeBundles();
    const { code, stdout, stderr } = await runCli(['report', '--json', profile]);
    expect(code, stderr).toBe(0);
    const top = (JSON.parse(stdout) as Report).cpu!.top;
    const names = top.map((row) => row.frame.functionName);
    expect(names.filter((name) => name === 'crypto/sha256.block')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    const lines = await runCli(['report', '--json', '--lines', profile]);
    expect(lines.code, lines.stderr).toBe(0);
    const byLine = (JSON.parse(lines.stdout) as Report).cpu!.top;
    expect(byLine.filter((row) => row.frame.functionName === 'crypto/sha256.block').length).toBeGreaterThan(
      1,
    );
  });

  it('by line on request: every sampled line of a function is its own frame', () => {
    const bytes = new Uint8Array(gunzipSync(readFileSync(profile))); // Go writes it gzipped
    const byFunction = importPprof(bytes).cpu!.frames;
    const byLine = importPprof(bytes, { lines: true }).cpu!.frames;
    const block = (frames: typeof byLine) => frames.filter((f) => f.functionName === 'crypto/sha256.block');
    expect(block(byFunction)).toHaveLength(1);
    // 145 samples over an assembly loop land on many lines (37 in one run).
    expect(block(byLine).length).toBeGreaterThan(1);
    expect(byLine.length).toBeGreaterThanOrEqual(byFunction.length);
  });
});
