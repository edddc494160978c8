import { randomBytes } from 'node:crypto';
import type { ClientSettingsStore } from './client-settings';
import { ReplayFailedError, ReplayNotSignableError } from './errors';
import type { EventFeed } from './event-feed';
import type { EventLog } from './event-log';
import type { ReplayRecord, StoredEvent } from './event-record';
import { OutboundFailure, answerExcerpt, postExactly, type HeaderPairs, type OutboundAnswer } from './outbound-request';
import type { ReplayTargetPolicy } from './replay-target-policy';
import { schemeNamed, secretSha256Prefix, type SchemeName, type SecretFingerprint } from './signature-schemes';

export interface ReplayOptions {
  /** false sends the body unsigned (the seed's include_signature). */
  includeSignature: boolean;
  /** The Via field lines of the request that asked for the replay, passed on (outbound-request.ts, passedOnVia). */
  via?: HeaderPairs;
}

export interface ReplayerSettings {
  secret: string;
  timeoutMs: number;
}

/** The secret a client's deliveries are checked with now, and whose it is. */
interface SecretInUse {
  value: string;
  source: SecretFingerprint['source'];
}

const MAX_SAME_HOST_REDIRECTS = 5;

/**
 * Re-sends a stored body to a target, re-signed with the original client's scheme and secret,
 * and records the outcome. Only a body a holder of that secret signed is re-signed: signing any
 * stored body would make replay a signing oracle (post a body unsigned, replay it to yourself,
 * read its signature), so an unverified event, or one verified with another secret than the
 * client has now, is replayed signed only on request to leave the signature out.
 * Redirects are followed only when they keep the method and body (307/308) and stay on the
 * same host; any other redirect is recorded as the answer. It sends through postExactly, as
 * forwards, resends and test events do.
 */
export class Replayer {
  constructor(
    private readonly log: EventLog,
    private readonly clients: ClientSettingsStore,
    private readonly feed: EventFeed,
    private readonly policy: ReplayTargetPolicy,
    private readonly settings: ReplayerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async replay(eventId: string, targetUrl: string, options: ReplayOptions): Promise<ReplayRecord> {
    const checked = this.policy.check(targetUrl);
    const event = this.log.get(eventId);
    const scheme = options.includeSignature ? this.schemeFor(event) : null;
    const target = scheme === null ? checked : (schemeNamed(scheme).address?.(checked, event.body, event.contentType) ?? checked);
    const headers = [...this.headersFor(event, scheme, target), ...(options.via ?? [])];
    const started = performance.now();
    const replayedAt = this.now();
    const replayId = `rpl_${randomBytes(12).toString('hex')}`;
    const base = { replayId, eventId, kind: 'replay' as const, signing: null, targetUrl, scheme, replayedAt };

    try {
      const answer = await this.send(target, headers, event.body);
      const record = { ...base, responseStatus: answer.status, latencyMs: Math.round(performance.now() - started), responseExcerpt: answerExcerpt(answer), error: null };
      this.save(record);
      return record;
    } catch (error) {
      if (!(error instanceof OutboundFailure)) throw error;
      this.save({ ...base, responseStatus: null, latencyMs: Math.round(performance.now() - started), responseExcerpt: null, error: error.message });
      throw new ReplayFailedError(replayId, error.timedOut, error.message);
    }
  }

  private save(record: ReplayRecord): void {
    this.log.appendReplay(record);
    this.feed.publish({ type: 'replay', replay: record });
  }

  /** The client's configured scheme, else the one the verified original arrived with. */
  private schemeFor(event: StoredEvent): SchemeName {
    const { status, scheme, secret: verifiedWith } = event.signature;
    if (status !== 'valid' || scheme === null) throw new ReplayNotSignableError(event.eventId, `event ${event.eventId} was not verified (its signature is ${status})`);
    if (!sameSecret(verifiedWith, this.secretOf(event.clientId))) {
      throw new ReplayNotSignableError(event.eventId, `the secret of client ${event.clientId} is not the one event ${event.eventId} was verified with`);
    }
    const settings = this.clients.get(event.clientId);
    return settings.scheme === 'auto' ? scheme : settings.scheme;
  }

  private secretOf(clientId: string): SecretInUse {
    const own = this.clients.get(clientId).secret;
    return own === null ? { value: this.settings.secret, source: 'global' } : { value: own, source: 'client' };
  }

  private headersFor(event: StoredEvent, scheme: SchemeName | null, target: URL): HeaderPairs {
    const headers: HeaderPairs = [
      ['content-type', event.contentType ?? 'application/octet-stream'],
      ['user-agent', 'standin-webhook-replay'],
      ['x-standin-replay-of', event.eventId],
    ];
    if (!scheme) return headers;
    const secret = this.secretOf(event.clientId).value;
    // A replay is the same message again, so it keeps the sender's id when there was one.
    const messageId = event.deliveryId ?? `msg_${randomBytes(12).toString('hex')}`;
    return [...headers, ...Object.entries(schemeNamed(scheme).sign(event.body, secret, this.now(), messageId, target.href))];
  }

  /** Posts, following 307/308 (which keep method and body) within the target's host, all within one timeout. */
  private async send(target: URL, headers: HeaderPairs, body: Buffer): Promise<OutboundAnswer> {
    const deadline = performance.now() + this.settings.timeoutMs;
    let url = target;
    for (let hop = 0; ; hop += 1) {
      const remainingMs = Math.max(1, Math.round(deadline - performance.now()));
      const answer = await postExactly(url, headers, body, remainingMs).catch((error: unknown) => {
        // A later hop that runs out of time has used the replay's whole timeout.
        throw error instanceof OutboundFailure && error.timedOut ? new OutboundFailure(`no answer within ${this.settings.timeoutMs} ms`, true, error.latencyMs) : error;
      });
      const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
      if (![307, 308].includes(answer.status) || !location || hop === MAX_SAME_HOST_REDIRECTS) return answer;
      // A Location that is no URL reference (RFC 9110 §10.2.2) is not followed: the redirect is the answer.
      const next = URL.parse(location, url);
      if (next === null || next.host !== target.host || next.protocol !== target.protocol) return answer;
      url = next;
    }
  }
}

/**
 * Whether the secret an event was verified with is `current`. The source settles the case that
 * matters (a client's own secret dropped for WEBHOOK_SECRET), so a fingerprint prefix suffices.
 */
function sameSecret(verifiedWith: SecretFingerprint | null, current: SecretInUse): boolean {
  return verifiedWith !== null && verifiedWith.source === current.source && verifiedWith.sha256_prefix === secretSha256Prefix(current.value);
}

