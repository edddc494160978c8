import { matchCorsRule, PERMISSIVE_CORS_RULE } from '../../../src/s3/cors-rules';
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

  it('has a permissive default for buckets without rules', () => {
    expect(matchCorsRule([PERMISSIVE_CORS_RULE], { origin: 'http://anything:1234', method: 'PUT', headers: ['content-type', 'x-amz-meta-a'] })).toBe(PERMISSIVE_CORS_RULE);
  });
});
