import { RE2JS } from 're2js';

/** What JavaScript's `\s` matches (ECMA-262 WhiteSpace and LineTerminator); RE2's `\s` is only `[\t\n\f\r ]`. */
const SPACE = String.raw`\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`;
/** A decimal octet as ajv-formats writes the middle two of an address: 0-255, leading zeros allowed. */
const OCTET = String.raw`1?\d{1,2}|2[0-4]\d|25[0-5]`;
/** The last octet: 1-254. */
const LAST_OCTET = String.raw`[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]`;

/**
 * The IPv4 hosts ajv-formats' `url` takes: a first octet of 1-223, less the private and
 * loopback ranges its lookaheads refuse (10/8, 127/8, 169.254/16, 172.16/12, 192.168/16),
 * written out, as RE2 has no lookahead.
 */
const IPV4_HOST = [
  // 1-223 but 10, 127, 169, 172 and 192
  String.raw`(?:[1-9]|1[1-9]|[2-9]\d|1(?:[013458]\d|2[0-689]|6[0-8]|7[013-9]|9[013-9])|2[01]\d|22[0-3])\.(?:${OCTET})`,
  String.raw`169\.(?:1?\d{1,2}|2[0-4]\d|25[0-35])`,
  String.raw`192\.(?:\d{1,2}|1(?:[0-57-9]\d|6[0-79])|2[0-4]\d|25[0-5])`,
  String.raw`172\.(?:\d|0\d|1[0-5]|3[2-9]|[4-9]\d|1\d\d|2[0-4]\d|25[0-5])`,
].map((firstTwo) => String.raw`(?:${firstTwo})\.(?:${OCTET})\.(?:${LAST_OCTET})`).join('|');

const LABEL = String.raw`(?:[a-z0-9\x{00a1}-\x{ffff}]+-)*[a-z0-9\x{00a1}-\x{ffff}]+`;
const NAME_HOST = String.raw`${LABEL}(?:\.${LABEL})*\.[a-z\x{00a1}-\x{ffff}]{2,}`;

const URL = RE2JS.compile(String.raw`(?i)^(?:https?|ftp)://(?:[^${SPACE}]+@)?(?:${IPV4_HOST}|${NAME_HOST})(?::\d{2,5})?(?:/[^${SPACE}]*)?$`);

/**
 * ajv-formats' `url` format (its regular expression, from https://gist.github.com/dperini/729294)
 * on RE2. On V8 its user-info part `\S+(?::\S*)?@` backtracks: a 24,000-character string of
 * colons took 2 s and a 1 MiB delivery would take about an hour, holding the event loop of
 * every server in the process. The same language here (`\S+(?::\S*)?` is `\S+`), in linear time.
 */
export function isUrl(text: string): boolean {
  return URL.test(text);
}
