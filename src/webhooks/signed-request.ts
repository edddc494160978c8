import { randomBytes } from 'node:crypto';
import type { HeaderPairs } from './outbound-request';
import { SIGNATURE_HEADERS, schemeNamed, type SchemeName } from './signature-schemes';

/**
 * How an outgoing test request is signed: with a scheme and secret, not at all, or with a
 * signature made with a random secret (to see the app refuse it).
 */
export type Signing =
  | { mode: 'signed'; scheme: SchemeName; secret: string }
  | { mode: 'unsigned' }
  | { mode: 'wrong'; scheme: SchemeName };

export interface PreparedRequest {
  /** Where it goes: the target, with what the scheme adds to a URL (Twilio's bodySHA256). */
  target: URL;
  headers: HeaderPairs;
}

/**
 * The headers and URL a request carries once signed as `signing` says: any signature header it
 * had is dropped first (an edited body makes it stale), then the scheme's headers are added,
 * replacing those of the same name (a Standard Webhooks timestamp, say).
 */
export function prepareRequest(signing: Signing, body: Buffer, headers: HeaderPairs, target: URL, now: number): PreparedRequest {
  const unsigned = headers.filter(([name]) => !SIGNATURE_HEADERS.includes(name.toLowerCase()));
  if (signing.mode === 'unsigned') return { target, headers: unsigned };
  const scheme = schemeNamed(signing.scheme);
  const contentType = unsigned.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
  const addressed = scheme.address?.(target, body, contentType) ?? target;
  const messageId = unsigned.find(([name]) => ['webhook-id', 'svix-id'].includes(name.toLowerCase()))?.[1] ?? `msg_${randomBytes(12).toString('hex')}`;
  const secret = signing.mode === 'signed' ? signing.secret : randomBytes(32).toString('hex');
  const added = Object.entries(scheme.sign(body, secret, now, messageId, addressed.href));
  const replaced = new Set(added.map(([name]) => name.toLowerCase()));
  return { target: addressed, headers: [...unsigned.filter(([name]) => !replaced.has(name.toLowerCase())), ...added] };
}
