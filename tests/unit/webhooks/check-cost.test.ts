import { imageApiCallbacks } from '../../../src/webhooks/callback-contracts';
import { isQuickCheck, schemaCost } from '../../../src/webhooks/check-cost';

const isQuick = (schema: Record<string, unknown>, body: unknown) => isQuickCheck(schemaCost(schema), body);

describe('which payload checks are known to be quick', () => {
  it("takes a small schema and body, and the image API's callbacks with their examples", async () => {
    expect(isQuick({ type: 'object', required: ['event_type'], properties: { event_type: { type: 'string' } } }, { event_type: 'x' })).toBe(true);
    const callbacks = await imageApiCallbacks();
    expect(callbacks.length).toBeGreaterThan(0);
    for (const callback of callbacks) expect(isQuick(callback.schema, callback.example)).toBe(true);
  });

  it('never takes a $ref, which may lead back up the schema, or uniqueItems, which compares every item with every other', () => {
    expect(schemaCost({ definitions: { a: { type: 'object' } }, $ref: '#/definitions/a' })).toBeNull();
    expect(schemaCost({ properties: { tags: { type: 'array', uniqueItems: true } } })).toBeNull();
  });

  it('counts every branch that judges a value: 1000 anyOf branches over 2000 items is not quick, over 5 it is', () => {
    const wide = { items: { anyOf: Array.from({ length: 1000 }, (_, index) => ({ minimum: index })) } };
    expect(isQuick(wide, Array.from({ length: 2000 }, () => 1))).toBe(false);
    expect(isQuick(wide, [1, 2, 3, 4, 5])).toBe(true);
  });

  it('counts each value an enum lists, and the text patterns and formats run through', () => {
    expect(isQuick({ items: { enum: Array.from({ length: 5000 }, (_, index) => index) } }, [1, 2, 3])).toBe(false);
    expect(isQuick({ properties: { note: { pattern: '^a' } } }, { note: 'a'.repeat(100_000) })).toBe(false);
  });
});
