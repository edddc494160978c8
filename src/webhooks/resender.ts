import { randomBytes } from 'node:crypto';
import type { ClientSettingsStore } from './client-settings';
import { SecretNotAvailableError, TargetUnreachableError } from './errors';
import type { EventFeed } from './event-feed';
import type { EventLog } from './event-log';
import type { ReplayRecord, StoredEvent } from './event-record';
import { OutboundFailure, answerExcerpt, postExactly, type HeaderPairs } from './outbound-request';
import type { ReplayTargetPolicy } from './replay-target-policy';
import { secretSha256Prefix, type SchemeName } from './signature-schemes';
import { prepareRequest, type Signing } from './signed-request';

export interface ResendRequest {
  eventId: string;
  targetUrl: string;
  /** The edited body; default the event's. */
  body?: Buffer;
  /** The edited headers; default the event's as received (signature headers are always replaced). */
  headers?: HeaderPairs;
  /** signed: with the client's scheme and secret; unsigned; wrong: a signature made with a random secret. */
  signing: Signing['mode'];
  /** The scheme to sign with; default the client's pinned scheme, else the one the event arrived with. */
  scheme?: SchemeName;
  /** The Via field lines of the request that asked for the resend, passed on (outbound-request.ts, passedOnVia). */
  via?: HeaderPairs;
}

export interface ResendSettings {
  secret: string;
  timeoutMs: number;
}

/**
 * Edit and resend: an event's body and headers, edited, sent to an allowed target signed with
 * the client's scheme and secret (or unsigned, or wrongly signed to test a refusal), the answer
 * recorded as a new attempt of the original event. It signs bodies the caller chose, so it signs
 * only with a client's own secret (readable in its settings anyway), never WEBHOOK_SECRET, unless
 * the body is the one a holder of that secret signed; the signature sent is never returned.
 */
export class Resender {
  constructor(
    private readonly log: EventLog,
    private readonly clients: ClientSettingsStore,
    private readonly feed: EventFeed,
    private readonly policy: ReplayTargetPolicy,
    private readonly settings: ResendSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async resend(request: ResendRequest): Promise<ReplayRecord> {
    const checked = this.policy.check(request.targetUrl);
    const event = this.log.get(request.eventId);
    const body = request.body ?? event.body;
    const signing = this.signing(event, body, request);
    const prepared = prepareRequest(signing, body, request.headers ?? event.headers, checked, this.now());
    const base = {
      replayId: `rsd_${randomBytes(12).toString('hex')}`,
      eventId: event.eventId,
      kind: 'resend' as const,
      signing: signing.mode,
      targetUrl: prepared.target.href,
      scheme: signing.mode === 'unsigned' ? null : signing.scheme,
      replayedAt: this.now(),
    };
    try {
      const answer = await postExactly(prepared.target, [...prepared.headers, ...(request.via ?? [])], body, this.settings.timeoutMs);
      return this.save({ ...base, responseStatus: answer.status, latencyMs: answer.latencyMs, responseExcerpt: answerExcerpt(answer), error: null });
    } catch (error) {
      if (!(error instanceof OutboundFailure)) throw error;
      this.save({ ...base, responseStatus: null, latencyMs: error.latencyMs, responseExcerpt: null, error: error.message });
      throw new TargetUnreachableError(error.timedOut, error.message, base.replayId);
    }
  }

  private save(record: ReplayRecord): ReplayRecord {
    this.log.appendReplay(record);
    this.feed.publish({ type: 'replay', replay: record });
    return record;
  }

  private signing(event: StoredEvent, body: Buffer, request: ResendRequest): Signing {
    const settings = this.clients.get(event.clientId);
    const scheme = request.scheme ?? (settings.scheme === 'auto' ? event.signature.scheme : settings.scheme);
    if (request.signing === 'unsigned') return { mode: 'unsigned' };
    if (scheme === null) throw new SecretNotAvailableError(`event ${event.eventId} arrived unsigned and client ${event.clientId} names no scheme: choose one`);
    if (request.signing === 'wrong') return { mode: 'wrong', scheme };
    if (settings.secret !== null) return { mode: 'signed', scheme, secret: settings.secret };
    if (body.equals(event.body) && this.verifiedWithGlobalSecret(event)) return { mode: 'signed', scheme, secret: this.settings.secret };
    throw new SecretNotAvailableError(
      `client ${event.clientId} uses WEBHOOK_SECRET, which signs only a body a holder of it signed (the event as verified); give the client its own secret to re-sign edited bodies, or send unsigned`,
    );
  }

  private verifiedWithGlobalSecret(event: StoredEvent): boolean {
    const { status, secret } = event.signature;
    return status === 'valid' && secret?.source === 'global' && secret.sha256_prefix === secretSha256Prefix(this.settings.secret);
  }
}
