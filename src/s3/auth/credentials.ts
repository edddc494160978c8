/**
 * The access keys the mock accepts: `S3_CREDENTIALS` is comma-separated `key:secret` pairs
 * (default `test-key:test-secret`). A secret may itself contain ':'.
 */
export type Credentials = ReadonlyMap<string, string>;

/**
 * What is wrong with the `position`th pair, without its text: a pair that is not key:secret may
 * be a secret on its own, and the message is printed. Only an access key is named.
 */
function pairProblem(pair: string, position: number): string | undefined {
  const colon = pair.indexOf(':');
  if (colon < 0) return `pair ${position} has no ":" between an access key and its secret`;
  if (colon === 0) return `pair ${position} has no access key before its ":"`;
  if (colon === pair.length - 1) return `pair ${position} (access key "${pair.slice(0, colon)}") has no secret after its ":"`;
  return undefined;
}

export function parseCredentials(text: string): Credentials {
  const credentials = new Map<string, string>();
  text.split(',').map((p) => p.trim()).filter((p) => p !== '').forEach((pair, index) => {
    const problem = pairProblem(pair, index + 1);
    if (problem) throw new Error(`expected comma-separated "access-key:secret" pairs: ${problem}`);
    const colon = pair.indexOf(':');
    credentials.set(pair.slice(0, colon), pair.slice(colon + 1));
  });
  if (credentials.size === 0) throw new Error('expected at least one "access-key:secret" pair');
  return credentials;
}
