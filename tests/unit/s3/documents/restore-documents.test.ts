import { assertRestorable, isRestored, parseRestoreRequest, restoreExpiry, restoreHeader } from '../../../../src/s3/documents/restore-documents';

describe('RestoreObject documents', () => {
  it('reads the days and the retrieval tier, from GlacierJobParameters or the top level (Standard by default)', () => {
    expect(parseRestoreRequest('<RestoreRequest><Days>2</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>')).toEqual({ days: 2, tier: 'Bulk' });
    expect(parseRestoreRequest('<RestoreRequest><Days>1</Days><Tier>Expedited</Tier></RestoreRequest>')).toEqual({ days: 1, tier: 'Expedited' });
    expect(parseRestoreRequest('<RestoreRequest><Days>7</Days></RestoreRequest>')).toEqual({ days: 7, tier: 'Standard' });
  });

  it.each([
    ['no days', '<RestoreRequest><Tier>Bulk</Tier></RestoreRequest>', 'MalformedXML'],
    ['days that are not a number', '<RestoreRequest><Days>two</Days></RestoreRequest>', 'MalformedXML'],
    ['zero days', '<RestoreRequest><Days>0</Days></RestoreRequest>', 'InvalidArgument'],
    ['an unknown tier', '<RestoreRequest><Days>1</Days><Tier>Fast</Tier></RestoreRequest>', 'MalformedXML'],
  ])('refuses a request with %s', (_case, body, code) => {
    expect(() => parseRestoreRequest(body)).toThrow(expect.objectContaining({ code }));
  });

  it('restores GLACIER and DEEP_ARCHIVE objects only (InvalidObjectState, 403, for the others)', () => {
    expect(() => assertRestorable('GLACIER')).not.toThrow();
    expect(() => assertRestorable('DEEP_ARCHIVE')).not.toThrow();
    for (const storageClass of [undefined, 'STANDARD', 'STANDARD_IA', 'GLACIER_IR']) {
      expect(() => assertRestorable(storageClass)).toThrow(expect.objectContaining({ code: 'InvalidObjectState', status: 403 }));
    }
  });

  it('lets the restored copy expire at the midnight UTC after the days asked for', () => {
    expect(restoreExpiry(2, new Date('2024-03-01T10:20:30Z'))).toBe('2024-03-04T00:00:00.000Z');
    expect(restoreExpiry(1, new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-02T00:00:00.000Z');
  });

  it('reports a copy still there in x-amz-restore, and none once it expired', () => {
    expect(isRestored('2024-03-04T00:00:00.000Z', new Date('2024-03-03T23:59:59Z'))).toBe(true);
    expect(isRestored('2024-03-04T00:00:00.000Z', new Date('2024-03-04T00:00:00Z'))).toBe(false);
    expect(restoreHeader('2999-01-02T00:00:00.000Z')).toEqual({ 'x-amz-restore': 'ongoing-request="false", expiry-date="Wed, 02 Jan 2999 00:00:00 GMT"' });
    expect(restoreHeader('2000-01-02T00:00:00.000Z')).toEqual({});
    expect(restoreHeader(undefined)).toEqual({});
  });
});
