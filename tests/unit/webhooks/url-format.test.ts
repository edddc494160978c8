import { fullFormats } from 'ajv-formats/dist/formats';
import fc from 'fast-check';
import { isUrl } from '../../../src/webhooks/url-format';

const ajvFormatsUrl = fullFormats.url as RegExp;

/** Pieces URLs, addresses and near misses are made of. */
const PIECE = fc.constantFrom(
  'http://', 'https://', 'ftp://', 'HTTP://', 'mailto:', 'a', 'Z', 'xn--', 'é', 'ſ', 'K', '中', '😀', '-', '.', ':', '/', '?', '#', '@', '%20', ' ', '\u00a0', '\u2028', '\v', '\t',
  '0', '1', '9', '00', '10', '16', '31', '32', '99', '100', '127', '168', '169', '172', '192', '199', '200', '223', '224', '254', '255', '256', 'com', 'co', 'c', ':80', ':65535', ':1',
);
const HOST = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 256 }), fc.integer({ min: 0, max: 256 }), fc.integer({ min: 0, max: 256 }), fc.integer({ min: 0, max: 256 })).map((octets) => octets.join('.')),
  fc.array(PIECE, { maxLength: 6 }).map((pieces) => pieces.join('')),
);
const CANDIDATE = fc.oneof(
  fc.tuple(fc.constantFrom('http://', 'https://', 'ftp://', 'http://user:pw@', 'http://a@b@'), HOST, fc.array(PIECE, { maxLength: 4 })).map(([scheme, host, rest]) => `${scheme}${host}${rest.join('')}`),
  fc.array(PIECE, { maxLength: 12 }).map((pieces) => pieces.join('')),
);

describe('isUrl, ajv-formats\' url format on RE2', () => {
  it('takes and refuses what ajv-formats\' regular expression does', () => {
    fc.assert(fc.property(CANDIDATE, (text) => isUrl(text) === ajvFormatsUrl.test(text)), { numRuns: 20_000, seed: 4000 });
  });

  it('takes ordinary URLs and public addresses, and refuses private and loopback ones', () => {
    for (const url of ['https://example.com/a?b#c', 'http://user:pw@example.co.uk:8080/', 'http://8.8.8.8', 'http://172.32.0.1', 'http://192.169.1.1', 'http://169.253.0.1']) expect(isUrl(url)).toBe(true);
    for (const url of ['http://10.0.0.1', 'http://127.0.0.1/', 'http://169.254.1.1', 'http://172.16.0.1', 'http://172.31.255.1', 'http://192.168.1.1', 'http://localhost', 'example.com', 'http://a b.com']) expect(isUrl(url)).toBe(false);
  });

  it('answers in linear time where the backtracking expression takes quadratic time', () => {
    expect(isUrl(`http://${':'.repeat(1_000_000)}\u0000`)).toBe(false);
  });
});
