/** Request headers as node hands them over: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type SchemeName = 'x-webhook-signature' | 'github' | 'standard-webhooks' | 'stripe' | 'shopify' | 'slack' | 'twilio';
export const SCHEME_NAMES: readonly SchemeName[] = ['x-webhook-signature', 'github', 'standard-webhooks', 'stripe', 'shopify', 'slack', 'twilio'];

/** valid: a signature matched; invalid: one was given but is wrong or unusable; missing: none was given. */
export type SignatureStatus = 'valid' | 'invalid' | 'missing';

/** The shape of the string a signature covers, e.g. `{webhook-id}.{webhook-timestamp}.{body}`, with lengths. */
export interface SignedShape {
  template: string;
  /** Each part of the template in order, with its length in bytes. */
  parts: Array<{ name: string; bytes: number }>;
  /** The whole signed string, dots included, in bytes. */
  bytes: number;
}

/** Which secret a delivery was checked with, identified without revealing it. */
export interface SecretFingerprint {
  /** client: the client's own secret; global: WEBHOOK_SECRET. */
  source: 'client' | 'global';
  /** The first 8 hex digits of the SHA-256 of the secret as configured (its UTF-8 bytes, `whsec_` included). */
  sha256_prefix: string;
}

export type DiagnosisCause =
  | 'timestamp_outside_tolerance'
  | 'signature_encoding'
  | 'other_scheme'
  | 'secret_encoding'
  | 'body_reserialised'
  | 'body_whitespace';

/** The common mistake a wrong signature turned out to be, found by checking variants; never a signature. */
export interface SignatureDiagnosis {
  cause: DiagnosisCause;
  /** One sentence a sender can act on. */
  detail: string;
}

/**
 * The outcome of checking one delivery, explained without ever holding a signature the receiver
 * computed: a signature for any body would make the receiver a signing oracle for its secrets.
 */
export interface SignatureVerdict {
  /** The scheme the delivery was checked against; null when no scheme's headers were present. */
  scheme: SchemeName | null;
  status: SignatureStatus;
  /** One sentence a person can act on: which header is missing, what did not match. */
  reason: string;
  /** The signature header as received. */
  received: string | null;
  /** What the signature should cover; null when the headers do not say (a header it needs is missing). */
  signed: SignedShape | null;
  /** The secret it was checked with; null when no signature was checked. */
  secret: SecretFingerprint | null;
  /** Why an invalid signature is wrong, when a common mistake explains it. */
  diagnosis: SignatureDiagnosis | null;
}

/** One value the signed string starts with (a message id, a timestamp), as the delivery carried it. */
export interface SignedPart {
  name: string;
  value: string;
  /** What follows it in the signed string; `.` when absent (Slack joins with `:`, Twilio with nothing). */
  joiner?: string;
}

/** A timestamp the signed string carries, and how far from now the scheme accepts it. */
export interface SignedTimestamp {
  /** How reasons name it: `webhook-timestamp`, `Stripe-Signature timestamp`. */
  label: string;
  /** Epoch seconds. */
  seconds: number;
  toleranceS: number;
  /** Standard Webhooks also refuses timestamps ahead of now; Stripe only old ones. */
  refusesFuture: boolean;
}

/** A scheme's signature header, read far enough to check it against a secret. */
export interface SignedReading {
  kind: 'signed';
  received: string;
  /** The values the signed string starts with, each followed by `.`; the body comes last. */
  prefix: SignedPart[];
  /** Other prefixes a sender may have signed for the same request (Twilio: the URL with and without its port). */
  alsoSigned?: SignedPart[][];
  /** The digests the header carries, in the scheme's own notation. */
  digests: Buffer[];
  /** The reason when `digests` is empty: the header is not in the scheme's notation. */
  malformed: string;
  timestamp?: SignedTimestamp;
  /** The reasons for a match and a mismatch, in the scheme's words. */
  matches: string;
  differs: string;
}

/** What a delivery's headers say about one scheme's signature, before any secret is used. */
export type SignatureReading =
  | { kind: 'missing'; reason: string }
  /** A signature header, but a header the signed string needs is absent or unusable. */
  | { kind: 'incomplete'; reason: string; received: string }
  | SignedReading;

export interface SignatureScheme {
  readonly name: SchemeName;
  /** The signature header as senders write it. */
  readonly header: string;
  /** How the header writes a signature, to explain one written otherwise. */
  readonly notation: string;
  /** The template of the string it signs, e.g. `{webhook-id}.{webhook-timestamp}.{body}`. */
  readonly signs: string;
  /** The MAC it uses, as explanations name it: `HMAC-SHA256`. */
  readonly mac: string;
  /** True when the delivery carries this scheme's signature header. */
  detect(headers: RequestHeaders): boolean;
  /** The HMAC key the scheme makes of a secret. */
  key(secret: string): Buffer;
  /** `url` is the URL the sender addressed (Twilio signs it); undefined when unknown. */
  read(headers: RequestHeaders, url?: string): SignatureReading;
  /**
   * The values this scheme's signed string would start with, from whatever headers the delivery
   * has; undefined when they are absent. Lets a diagnosis try this scheme on another's delivery.
   */
  signedPrefix(headers: RequestHeaders, url?: string): SignedPart[] | undefined;
  /** The MAC of the signed string made of `prefix` and the body. */
  digest(key: Buffer, prefix: SignedPart[], body: Buffer): Buffer;
  /** What the signed string made of `prefix` and the body looks like, without its content. */
  shape(prefix: SignedPart[], body: Buffer): SignedShape;
  /**
   * The headers a sender using this scheme would add (replays, resends, test events), for a
   * request to `url` (see `address`).
   */
  sign(rawBody: Buffer, secret: string, now: number, messageId: string, url: string): Record<string, string>;
  /** The URL a sender would call for this body, when the scheme puts something in it (Twilio's bodySHA256). */
  address?(url: URL, body: Buffer, contentType: string | null): URL;
  /**
   * The sender's message id the signed string holds, when the scheme signs one (Standard
   * Webhooks' `webhook-id`); a scheme that signs none has no such method, and an id header a
   * delivery of its carries vouches for nothing.
   */
  signedMessageId?(headers: RequestHeaders): string | undefined;
}

/** The first value of a header, whatever node made of repeats. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
