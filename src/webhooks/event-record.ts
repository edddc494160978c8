import type { SignatureStatus, SignatureVerdict } from './signature-schemes';

/** accepted: answered 2xx; rejected: answered 401 for its signature; failed: answered an error on purpose (client response settings). */
export type Outcome = 'accepted' | 'rejected' | 'failed';
export const OUTCOMES: readonly Outcome[] = ['accepted', 'rejected', 'failed'];

/** One delivery as the receiver recorded it: the raw bytes and headers exactly as received. */
export interface StoredEvent {
  eventId: string;
  clientId: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  method: string;
  /** Path and query string as requested. */
  path: string;
  /** Header names and values in the order and case they arrived. */
  headers: Array<[string, string]>;
  contentType: string | null;
  body: Buffer;
  /** From the body's `event_type` or `type`, or GitHub's X-GitHub-Event; `unknown` otherwise. */
  eventType: string;
  outcome: Outcome;
  /** The status this receiver answered the delivery with. */
  responseStatus: number;
  signature: SignatureVerdict;
  /** The sender's message id (Standard Webhooks `webhook-id`), used to spot retries. */
  deliveryId: string | null;
  /** Later deliveries of the same message id, answered 2xx and folded into this event. */
  duplicates: number;
  lastDuplicateAt: number | null;
  /** The body checked against the sender's contract, when one applies to this event. */
  payload: PayloadVerdict;
}

/** One way the body breaks its schema, as ajv reports it. */
export interface PayloadError {
  /** JSON Pointer to the offending value (`/urls/thumbnail`); empty for the whole body. */
  path: string;
  message: string;
}

/** valid: null when no schema applies to the event, or when one does but its check reached no verdict (notJudged). */
export interface PayloadVerdict {
  valid: boolean | null;
  /** Which schema judged it (or was to), e.g. `image API callback imageProcessed`; null when none. */
  schema: string | null;
  errors: PayloadError[];
  /** Why the body was never judged by its schema (its check exceeded the time limit, ...); null otherwise. */
  notJudged: string | null;
}

export const UNCHECKED: PayloadVerdict = { valid: null, schema: null, errors: [], notJudged: null };

/** The payload check's state in one word: the schema's verdict, a check that never reached one, or no schema. */
export type PayloadCheck = 'valid' | 'not_valid' | 'not_judged' | 'unchecked';

export function payloadCheckOf(verdict: PayloadVerdict): PayloadCheck {
  if (verdict.valid !== null) return verdict.valid ? 'valid' : 'not_valid';
  return verdict.notJudged === null ? 'unchecked' : 'not_judged';
}

export interface EventFilter {
  clientId?: string;
  /** Only events whose payload check is in this state. */
  payloadCheck?: PayloadCheck;
  /** true/false: only events judged by a schema with that verdict (payloadCheck valid or not_valid). */
  payloadValid?: boolean;
  eventType?: string;
  verification?: SignatureStatus;
  outcome?: Outcome;
  /** Case-insensitive (ASCII) substring of the body. */
  text?: string;
  /** Inclusive bounds on receivedAt, epoch milliseconds. */
  since?: number;
  until?: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
  /** Opaque position from a previous page's nextCursor; when given, offset counts from it. */
  cursor?: string;
}

export interface EventPage {
  events: StoredEvent[];
  /** Events matching the filter, across all pages. */
  total: number;
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

/** One attempt at re-sending an event: a replay as stored, or a resend edited first. */
export interface ReplayRecord {
  replayId: string;
  eventId: string;
  kind: 'replay' | 'resend';
  /** How a resend was signed: signed, unsigned or wrong; null for a replay (see scheme). */
  signing: string | null;
  targetUrl: string;
  scheme: string | null;
  replayedAt: number;
  /** The target's status, or null when it could not be reached. */
  responseStatus: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}
