import { effectiveCorsRules, matchCorsRule, pageMayChange, PERMISSIVE_CORS_RULE } from '../../../src/s3/cors-rules';
import type { CorsRule } from '../../../src/s3/store';

const rules: CorsRule[] = [
  { allowedOrigins: ['https://*.example.com'], allowedMethods: ['GET'], allowedHeaders: ['x-amz-*'] },
  { allowedOrigins: ['http://localhost:3000'], allowedMethods: ['PUT', 'POST'], allowedHeaders: ['*'] },
];

describe('CORS rule evaluation', () => {
  it('takes the first rule matching origin, method and every requested header', () => {
    expect(matchCorsRule(rules, { origin: 'https://app.example.com', method: 'GET', headers: ['x-amz-date'] })).toBe(rules[0]);
    expect(matchCorsRule(rules, { origin: 'http://localhost:3000', method: 'PUT', headers: ['content-type'] })).toBe(rules[1]);
  });

  it.each([
    ['another origin', { origin: 'https://evil.test', method: 'GET', headers: [] }],
    ['a method no rule allows', { origin: 'https://app.example.com', method: 'DELETE', headers: [] }],
    ['a header the rule does not allow', { origin: 'https://app.example.com', method: 'GET', headers: ['authorization'] }],
  ])('allows nothing for %s', (_, request) => {
    expect(matchCorsRule(rules, request)).toBeUndefined();
  });

  it('matches many wildcards against a long header name at once (a rule stored before PutBucketCors refused them)', () => {
    const stored: CorsRule = { allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: [`${'*a'.repeat(10)}z`] };
    expect(matchCorsRule([stored], { origin: 'https://app.example.com', method: 'GET', headers: ['a'.repeat(44)] })).toBeUndefined();
    expect(matchCorsRule([stored], { origin: 'https://app.example.com', method: 'GET', headers: [`${'a'.repeat(44)}z`] })).toBe(stored);
  });

  it('has a permissive rule allowing any origin, method and header', () => {
    expect(matchCorsRule([PERMISSIVE_CORS_RULE], { origin: 'http://anything:1234', method: 'PUT', headers: ['content-type', 'x-amz-meta-a'] })).toBe(PERMISSIVE_CORS_RULE);
  });
});

describe('the rules that decide for a bucket', () => {
  it("are the bucket's own, whatever the default", () => {
    expect(effectiveCorsRules(rules, 'none')).toBe(rules);
    expect(effectiveCorsRules(rules, 'permissive')).toBe(rules);
  });

  it('are none for a bucket without a configuration, as on AWS, unless the permissive default is on', () => {
    expect(effectiveCorsRules(undefined, 'none')).toBeUndefined();
    expect(effectiveCorsRules([], 'none')).toBeUndefined();
    expect(effectiveCorsRules(undefined, 'permissive')).toEqual([PERMISSIVE_CORS_RULE]);
  });
});

describe('unsigned requests from web pages', () => {
  it('may read without any rule', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(pageMayChange(undefined, { origin: 'https://evil.test', method })).toBe(true);
  });

  it.each(['PUT', 'POST', 'DELETE'])('may %s only where a rule allows their origin and method', (method) => {
    expect(pageMayChange(undefined, { origin: 'http://localhost:3000', method })).toBe(false);
    expect(pageMayChange(rules, { origin: 'https://evil.test', method })).toBe(false);
    expect(pageMayChange(rules, { origin: 'http://localhost:3000', method })).toBe(method !== 'DELETE');
  });
});
