import { storedLifecycleRules } from '../../../src/s3/documents/lifecycle-documents';
import { expirationHeaderValue, expiryOf, type LifecycleRule } from '../../../src/s3/lifecycle-rules';

const rule = (id: string, expiration: LifecycleRule['expiration'], prefix = ''): LifecycleRule => ({
  id,
  status: 'Enabled',
  filterForm: 'filter',
  filter: { prefix, tags: [] },
  expiration,
  transitions: [],
  noncurrentVersionTransitions: [],
});

const object = (lastModified: string, key = 'k') => ({ key, size: 1, lastModified: new Date(lastModified) });

describe('expiryOf', () => {
  it('adds the days to the creation time and rounds up to the next midnight UTC', () => {
    expect(expiryOf([rule('r', { days: 3 })], object('2014-01-15T10:30:00Z'))?.date.toISOString()).toBe('2014-01-19T00:00:00.000Z');
  });

  it('keeps a creation time at midnight exactly that many days on', () => {
    expect(expiryOf([rule('r', { days: 1 })], object('2014-01-15T00:00:00Z'))?.date.toISOString()).toBe('2014-01-16T00:00:00.000Z');
  });

  it('takes the earliest of the rules that apply, dates and days alike', () => {
    const rules = [rule('days', { days: 10 }), rule('date', { date: new Date('2014-01-20T00:00:00Z') }), rule('other-prefix', { days: 1 }, 'x/')];
    expect(expiryOf(rules, object('2014-01-15T10:30:00Z'))).toEqual({ date: new Date('2014-01-20T00:00:00Z'), ruleId: 'date' });
  });

  it('has nothing for rules without an expiration date or days', () => {
    expect(expiryOf([rule('markers', { expiredObjectDeleteMarker: true }), rule('none', undefined)], object('2014-01-15T10:30:00Z'))).toBeUndefined();
  });
});

describe('expirationHeaderValue', () => {
  it('quotes the date and the rule id, percent-encoding an id that cannot stand between quotes', () => {
    const date = new Date('2012-12-23T00:00:00Z');
    expect(expirationHeaderValue({ date, ruleId: 'picture-deletion-rule' })).toBe('expiry-date="Sun, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion-rule"');
    expect(expirationHeaderValue({ date, ruleId: 'say "é"' })).toBe('expiry-date="Sun, 23 Dec 2012 00:00:00 GMT", rule-id="say%20%22%C3%A9%22"');
  });
});

describe('storedLifecycleRules', () => {
  it('reads a document an earlier version kept as put, even one this version would refuse', () => {
    const legacy = '<LifecycleConfiguration><Rule><ID>zero</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule></LifecycleConfiguration>';
    expect(storedLifecycleRules(legacy).map((stored) => [stored.id, stored.filter.prefix, stored.expiration?.days])).toEqual([['zero', 'tmp/', 0]]);
  });

  it('gives no rules for a document it cannot read', () => {
    expect(storedLifecycleRules('<LifecycleConfiguration><Rule><Status>On</Status></Rule></LifecycleConfiguration>')).toEqual([]);
  });
});
