// The alloc-hotspot finding on profiles recorded from real services (fixtures/recorded-profiles.ts): where
// TurboFan inlined the allocator into its caller, the finding names it from the CPU profile and says so;
// where nothing was inlined, it names what the allocation profile names, with no inference.
import { describe, expect, it } from 'vitest';
import { findAllocHotspot } from '../../core/findings/alloc-hotspot';
import type { Finding } from '../../core/findings/finding';
import { recordedSession } from './fixtures/recorded-profiles';

function allocatedHotspot(fixture: string): Finding {
  const findings = findAllocHotspot(recordedSession(fixture), {});
  const found = findings.find((f) => f.evidence.values.criterion === 'allocated');
  expect(found, JSON.stringify(findings.map((f) => f.title))).toBeDefined();
  return found!;
}

describe('alloc-hotspot with an inlined allocator (recorded profiles)', () => {
  it('names renderInvoice, inlined into the demo route handler (Node 20)', () => {
    const finding = allocatedHotspot('inlined-allocator-demo-node20');
    expect(finding.title).toMatch(/^renderInvoice allocates /);
    expect(finding.frames.slice(0, 2).map((f) => f.functionName)).toEqual(['renderInvoice', 'handle']);
    expect(finding.evidence.values).toMatchObject({ namedFrom: 'cpu-profile' });
    expect(finding.evidence.values.inlinedInto).toMatch(/^handle /);
    expect(finding.evidence.summary).toMatch(
      /renderInvoice is inferred: .* inlined renderInvoice; named from the CPU profile/,
    );
  });

  it('names renderInvoice, inlined into an anonymous request listener (Node 20)', () => {
    const finding = allocatedHotspot('inlined-handler-node20');
    expect(finding.title).toMatch(/^renderInvoice allocates /);
    expect(finding.frames[0]).toMatchObject({ functionName: 'renderInvoice', line: 2, column: 23 });
    expect(finding.frames[1]).toMatchObject({ functionName: '', line: 7, column: 34 });
    expect(finding.evidence.values.inlinedInto).toMatch(/^\(anonymous\) svc\.cjs:7$/);
    // The listener's own 61% and renderInvoice's 13% (before it was inlined) are judged together.
    expect(finding.evidence.values.allocatedShare).toBeGreaterThan(0.7);
  });

  it('names renderInvoice where the CPU profile left some inlined samples in the handler (Node 22)', () => {
    // Node 22's profile has handle's own samples on renderInvoice's lines: they count for renderInvoice.
    const finding = allocatedHotspot('inlined-allocator-demo-node22');
    expect(finding.title).toMatch(/^renderInvoice allocates /);
    expect(finding.evidence.values.inlinedInto).toMatch(/^handle /);
  });

  it('names renderInvoice in a service attached to after 15 s of warm-up (Node 20)', () => {
    const finding = allocatedHotspot('inlined-handler-attached-warm-node20');
    expect(finding.title).toMatch(/^renderInvoice allocates /);
    expect(finding.evidence.values.inlinedInto).toMatch(/^\(anonymous\) svc\.cjs:7$/);
  });

  it('does not name a CPU-heavy callee that is not inlined and allocates nothing (Node 20)', () => {
    // The handler builds strings itself and calls checksum, too large to inline: 3.8 s of CPU against the
    // handler's own 1.2 s. checksum is never seen allocating, so the handler stays named.
    const finding = allocatedHotspot('pure-compute-callee-node20');
    expect(finding.frames[0]).toMatchObject({ functionName: '', line: 70 });
    expect(finding.evidence.values.namedFrom).toBeUndefined();
  });

  it('infers nothing where renderInvoice ran as its own frame (Node 26, not yet inlined)', () => {
    const finding = allocatedHotspot('not-inlined-node26');
    expect(finding.frames[0]).toMatchObject({ functionName: 'renderInvoice' });
    expect(finding.evidence.values.namedFrom).toBeUndefined();
    expect(finding.evidence.summary).not.toMatch(/inferred/);
  });
});
