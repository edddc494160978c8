import { assertDeletable, assertRetentionChange, withDefaultRetention } from '../../../../src/s3/store/object-lock-rules';
import type { ObjectInfo } from '../../../../src/s3/store';

const now = new Date('2026-01-01T00:00:00Z');
const later = '2027-01-01T00:00:00.000Z';
const sooner = '2026-06-01T00:00:00.000Z';
const past = '2025-01-01T00:00:00.000Z';

describe('Object Lock rules', () => {
  it('gives the default retention to a version without its own, counted from its creation', () => {
    const info = { bucket: 'b', key: 'k', size: 0, etag: 'e', lastModified: now, checksums: {} } as ObjectInfo;
    expect(withDefaultRetention(info, { enabled: true, rule: { mode: 'COMPLIANCE', years: 1 } }).lock).toEqual({ mode: 'COMPLIANCE', retainUntil: '2027-01-01T00:00:00.000Z' });
    expect(withDefaultRetention(info, { enabled: true, rule: { mode: 'GOVERNANCE', days: 1 } }).lock?.retainUntil).toBe('2026-01-02T00:00:00.000Z');
    const own = { ...info, lock: { mode: 'GOVERNANCE' as const, retainUntil: later } };
    expect(withDefaultRetention(own, { enabled: true, rule: { mode: 'COMPLIANCE', days: 1 } })).toBe(own);
  });

  it.each([
    ['a legal hold, even with bypass', { legalHold: 'ON' as const }, true, false],
    ['COMPLIANCE, even with bypass', { mode: 'COMPLIANCE' as const, retainUntil: later }, true, false],
    ['GOVERNANCE without bypass', { mode: 'GOVERNANCE' as const, retainUntil: later }, false, false],
    ['GOVERNANCE with bypass', { mode: 'GOVERNANCE' as const, retainUntil: later }, true, true],
    ['an expired COMPLIANCE retention', { mode: 'COMPLIANCE' as const, retainUntil: past }, false, true],
    ['a legal hold OFF', { legalHold: 'OFF' as const }, false, true],
  ])('deleting a version under %s', (_case, lock, bypass, allowed) => {
    const attempt = () => assertDeletable(lock, bypass, now);
    if (allowed) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
  });

  it.each([
    ['extends GOVERNANCE', 'GOVERNANCE', { mode: 'GOVERNANCE' as const, retainUntil: later }, false, true],
    ['shortens GOVERNANCE without bypass', 'GOVERNANCE', { mode: 'GOVERNANCE' as const, retainUntil: sooner }, false, false],
    ['shortens GOVERNANCE with bypass', 'GOVERNANCE', { mode: 'GOVERNANCE' as const, retainUntil: sooner }, true, true],
    ['turns GOVERNANCE into COMPLIANCE without bypass', 'GOVERNANCE', { mode: 'COMPLIANCE' as const, retainUntil: later }, false, false],
    ['turns GOVERNANCE into COMPLIANCE with bypass', 'GOVERNANCE', { mode: 'COMPLIANCE' as const, retainUntil: later }, true, true],
    ['extends COMPLIANCE', 'COMPLIANCE', { mode: 'COMPLIANCE' as const, retainUntil: later }, false, true],
    ['shortens COMPLIANCE even with bypass', 'COMPLIANCE', { mode: 'COMPLIANCE' as const, retainUntil: sooner }, true, false],
    ['removes COMPLIANCE even with bypass', 'COMPLIANCE', {}, true, false],
  ] as const)('a retention change that %s', (_case, mode, next, bypass, allowed) => {
    const attempt = () => assertRetentionChange({ mode, retainUntil: '2026-09-01T00:00:00.000Z' }, next, bypass, now);
    if (allowed) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
  });
});
