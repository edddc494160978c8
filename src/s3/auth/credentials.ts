/**
 * The access keys the mock accepts: `S3_CREDENTIALS` is comma-separated `key:secret` pairs
 * (default `test-key:test-secret`). A secret may itself contain ':'.
 */
export type Credentials = ReadonlyMap<string, string>;

export function parseCredentials(text: string): Credentials {
  const credentials = new Map<string, string>();
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) {
      throw new Error(`expected comma-separated "access-key:secret" pairs, got "${pair}"`);
    }
    credentials.set(pair.slice(0, colon), pair.slice(colon + 1));
  }
  if (credentials.size === 0) throw new Error('expected at least one "access-key:secret" pair');
  return credentials;
}
