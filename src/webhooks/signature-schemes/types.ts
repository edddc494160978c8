/** Request headers as node hands them over: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type SchemeName = 'x-webhook-signature' | 'github' | 'standard-webhooks' | 'stripe';
export const SCHEME_NAMES: readonly SchemeName[] = ['x-webhook-signature', 'github', 'standard-webhooks', 'stripe'];

/** valid: a signature matched; invalid: one was given but is wrong or unusable; missing: none was given. */
export type SignatureStatus = 'valid' | 'invalid' | 'missing';

/** The outcome of checking one delivery, with what the dashboard needs to explain it. */
export interface SignatureVerdict {
  /** The scheme the delivery was checked against; null when no scheme's headers were present. */
  scheme: SchemeName | null;
  status: SignatureStatus;
  /** One sentence a person can act on: which header is missing, what did not match. */
  reason: string;
  /** The exact string the signature covers (body, or id.timestamp.body...). */
  signed_content: string | null;
  /** The signature this receiver computed, written as the scheme writes it. */
  expected: string | null;
  /** The signature header as received. */
  received: string | null;
}

export interface SignatureScheme {
  readonly name: SchemeName;
  /** True when the delivery carries this scheme's signature header. */
  detect(headers: RequestHeaders): boolean;
  /** Checks the raw body as received; `now` is epoch milliseconds. */
  verify(rawBody: Buffer, headers: RequestHeaders, secret: string, now: number): SignatureVerdict;
  /** The headers a sender using this scheme would add (used to re-sign replays). */
  sign(rawBody: Buffer, secret: string, now: number, messageId: string): Record<string, string>;
}

/** The first value of a header, whatever node made of repeats. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
