import {
  objectLockFromRequest,
  parseLegalHold,
  parseObjectLockConfiguration,
  parseRetention,
} from '../../../../src/s3/documents/object-lock-documents';
import type { S3HttpRequest } from '../../../../src/s3/http-request';

const configuration = (retention: string, enabled = 'Enabled') =>
  `<ObjectLockConfiguration><ObjectLockEnabled>${enabled}</ObjectLockEnabled><Rule><DefaultRetention>${retention}</DefaultRetention></Rule></ObjectLockConfiguration>`;
const request = (...rawHeaders: string[]): S3HttpRequest => ({ method: 'PUT', rawPath: '/b/k', query: [], rawHeaders });

describe('Object Lock documents', () => {
  it('reads a configuration with its default retention in days or years, or none', () => {
    expect(parseObjectLockConfiguration(configuration('<Mode>GOVERNANCE</Mode><Days>1</Days>'))).toEqual({ enabled: true, rule: { mode: 'GOVERNANCE', days: 1 } });
    expect(parseObjectLockConfiguration(configuration('<Mode>COMPLIANCE</Mode><Years>100</Years>'))).toEqual({ enabled: true, rule: { mode: 'COMPLIANCE', years: 100 } });
    expect(parseObjectLockConfiguration('<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>')).toEqual({ enabled: true });
  });

  it.each([
    ['days and years', configuration('<Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years>'), 'MalformedXML'],
    ['a mode in lower case', configuration('<Mode>governance</Mode><Days>1</Days>'), 'MalformedXML'],
    ['status Disabled', configuration('<Mode>GOVERNANCE</Mode><Days>1</Days>', 'Disabled'), 'MalformedXML'],
    ['zero days', configuration('<Mode>GOVERNANCE</Mode><Days>0</Days>'), 'InvalidRetentionPeriod'],
    ['negative years', configuration('<Mode>GOVERNANCE</Mode><Years>-1</Years>'), 'InvalidRetentionPeriod'],
    ['more than 100 years of days', configuration('<Mode>GOVERNANCE</Mode><Days>99999999999999999999</Days>'), 'InvalidRetentionPeriod'],
  ])('refuses %s', (_case, body, code) => {
    expect(() => parseObjectLockConfiguration(body)).toThrow(expect.objectContaining({ code }));
  });

  it('reads retention (dates as S3 echoes them) and legal holds', () => {
    expect(parseRetention('<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>')).toEqual({
      mode: 'COMPLIANCE',
      retainUntil: '2030-01-01T00:00:00.000Z',
    });
    expect(() => parseRetention('<Retention><Mode>abc</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    expect(parseRetention('<Retention></Retention>')).toEqual({});
    expect(parseLegalHold('<LegalHold><Status>OFF</Status></LegalHold>')).toBe('OFF');
    expect(() => parseLegalHold('<LegalHold><Status>abc</Status></LegalHold>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });

  it('refuses a retention whose RetainUntilDate has passed with InvalidArgument, as S3 does', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const document = (date: string) => `<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>${date}</RetainUntilDate></Retention>`;
    expect(() => parseRetention(document('2025-12-31T23:00:00Z'), now)).toThrow(
      expect.objectContaining({
        code: 'InvalidArgument',
        message: 'The retain until date must be in the future!',
        fields: { ArgumentName: 'RetainUntilDate', ArgumentValue: 'Wed Dec 31 15:00:00 PST 2025' },
      }),
    );
    // As S3 wrote 2020-01-01T00:00:00Z, and a summer date in daylight time.
    expect(() => parseRetention(document('2020-01-01T00:00:00Z'), now)).toThrow(expect.objectContaining({ fields: { ArgumentName: 'RetainUntilDate', ArgumentValue: 'Tue Dec 31 16:00:00 PST 2019' } }));
    expect(() => parseRetention(document('2025-07-04T07:05:09Z'), now)).toThrow(expect.objectContaining({ fields: { ArgumentName: 'RetainUntilDate', ArgumentValue: 'Fri Jul 04 00:05:09 PDT 2025' } }));
    expect(parseRetention(document('2026-01-02T00:00:00Z'), now)).toEqual({ mode: 'GOVERNANCE', retainUntil: '2026-01-02T00:00:00.000Z' });
  });

  it('reads the lock headers of a write: mode and date together, the date in the future', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(objectLockFromRequest(request(), now)).toBeUndefined();
    expect(objectLockFromRequest(request('x-amz-object-lock-mode', 'GOVERNANCE', 'x-amz-object-lock-retain-until-date', '2027-01-01T00:00:00Z', 'x-amz-object-lock-legal-hold', 'ON'), now)).toEqual({
      mode: 'GOVERNANCE',
      retainUntil: '2027-01-01T00:00:00.000Z',
      legalHold: 'ON',
    });
    for (const headers of [
      ['x-amz-object-lock-mode', 'GOVERNANCE'],
      ['x-amz-object-lock-mode', 'gov', 'x-amz-object-lock-retain-until-date', '2027-01-01T00:00:00Z'],
      ['x-amz-object-lock-mode', 'GOVERNANCE', 'x-amz-object-lock-retain-until-date', '2025-01-01T00:00:00Z'],
      ['x-amz-object-lock-mode', 'GOVERNANCE', 'x-amz-object-lock-retain-until-date', 'soon'],
      ['x-amz-object-lock-legal-hold', 'on'],
    ]) {
      expect(() => objectLockFromRequest(request(...headers), now)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    }
  });

  it('names the lock header missing when mode or date comes alone, as S3 does', () => {
    const given = { 'x-amz-object-lock-mode': 'BAD-VALUE', 'x-amz-object-lock-retain-until-date': '2027-01-01T00:00:00Z' };
    for (const [header, value] of Object.entries(given)) {
      const missing = header === 'x-amz-object-lock-mode' ? 'x-amz-object-lock-retain-until-date' : 'x-amz-object-lock-mode';
      expect(() => objectLockFromRequest(request(header, value))).toThrow(
        expect.objectContaining({ code: 'InvalidArgument', message: 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', fields: { ArgumentName: missing } }),
      );
    }
  });
});
