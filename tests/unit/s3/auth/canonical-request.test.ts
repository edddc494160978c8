/** The canonical request SigV4 signs: its URI, query and header lines, as AWS builds them. */
import { canonicalRequest } from '../../../../src/s3/auth/sigv4-signing';
import { awsUriEncode, canonicalQueryString, canonicalUri } from '../../../../src/s3/auth/uri-encoding';

describe('AWS URI encoding', () => {
  it('leaves unreserved characters as they are and encodes every other byte as upper-case %XX', () => {
    expect(awsUriEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(awsUriEncode("a b+c/!'()*é")).toBe('a%20b%2Bc%2F%21%27%28%29%2A%C3%A9');
  });

  it('encodes each path segment once, whether the client sent it encoded or not', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/bucket/dir/file-1_2.~txt')).toBe('/bucket/dir/file-1_2.~txt');
    expect(canonicalUri('/bucket/a%20b/%7Efile')).toBe('/bucket/a%20b/~file');
    expect(canonicalUri("/bucket/a!b/c'd")).toBe('/bucket/a%21b/c%27d');
  });

  it('sorts the query by name and encodes names and values', () => {
    expect(canonicalQueryString([['prefix', 'a b'], ['list-type', '2'], ['uploads', '']])).toBe('list-type=2&prefix=a%20b&uploads=');
  });
});

describe('canonical header lines', () => {
  const lineOf = (rawHeaders: string[]) =>
    canonicalRequest({ request: { method: 'GET', rawPath: '/b/k', query: [], rawHeaders: ['Host', 'h', ...rawHeaders] }, signedHeaders: ['host', 'x-amz-meta-v'], payloadHash: 'UNSIGNED-PAYLOAD' }).split('\n')[4];

  it('keeps a value without surrounding or repeated whitespace as it is', () => {
    expect(lineOf(['X-Amz-Meta-V', 'one two'])).toBe('x-amz-meta-v:one two');
  });

  it('trims values, collapses runs of whitespace to one space and joins repeated headers with commas', () => {
    expect(lineOf(['X-Amz-Meta-V', '  one   two '])).toBe('x-amz-meta-v:one two');
    expect(lineOf(['X-Amz-Meta-V', 'one\ttwo'])).toBe('x-amz-meta-v:one two');
    expect(lineOf(['X-Amz-Meta-V', 'a', 'x-amz-meta-v', ' b '])).toBe('x-amz-meta-v:a,b');
  });
});
