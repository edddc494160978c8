import { checkClientId } from './client-id';
import type { Db } from './database';
import { InvalidClientSettingsError, UnusableStoredSettingsError } from './errors';
import type { PayloadSchema } from './payload-checker';
import { SCHEME_NAMES, secretProblemFor, secretSha256Prefix, type SchemeName } from './signature-schemes';

/** How the receiver answers a client's deliveries, to exercise a sender's retry logic. */
export interface ResponseBehaviour {
  /** Status for a delivery that is not picked to fail (a non-2xx status fails every delivery). */
  status: number;
  /** Wait this long after storing a delivery before answering. */
  delayMs: number;
  /** Probability (0..1) that a delivery is answered 500 instead. */
  failureRate: number;
}

export interface ClientSettings {
  clientId: string;
  /** auto: detect the scheme from the headers; otherwise only this scheme's signature is accepted. */
  scheme: SchemeName | 'auto';
  /** null: the global WEBHOOK_SECRET. A client with its own secret no longer accepts the global one. */
  secret: string | null;
  /** null: WEBHOOK_REQUIRE_SIGNATURE. */
  requireSignature: boolean | null;
  response: ResponseBehaviour;
  /** Where every delivery is also forwarded (the app under development); null: WEBHOOK_FORWARD_TO. */
  forwardUrl: string | null;
  /** What deliveries are checked against; null: the image API's callback schemas for its events. */
  payloadSchema: PayloadSchema | null;
  /** When the settings were last written; null for a client that was never configured. */
  updatedAt: number | null;
}

/** What settings read earlier say of the client's secret (secret_set, secret_sha256_prefix): read-only, they set nothing. */
export interface SecretAsShown {
  set?: boolean;
  sha256Prefix?: string | null;
}

export type ClientSettingsInput = Partial<Omit<ClientSettings, 'clientId' | 'updatedAt' | 'response'>> & {
  response?: Partial<ResponseBehaviour>;
  secretAsShown?: SecretAsShown;
};

/** A client as the list shows it: its stored settings, and why they are never used when they are refused. */
export interface ListedClient {
  settings: ClientSettings;
  unusable: UnusableStoredSettingsError | null;
}

/** The spec's limit on response.delay_ms. */
const MAX_DELAY_MS = 120_000;

function defaults(clientId: string): ClientSettings {
  return { clientId, scheme: 'auto', secret: null, requireSignature: null, response: { status: 200, delayMs: 0, failureRate: 0 }, forwardUrl: null, payloadSchema: null, updatedAt: null };
}

function check(settings: ClientSettings): void {
  const { scheme, secret, response } = settings;
  if (scheme !== 'auto' && !SCHEME_NAMES.includes(scheme)) throw new InvalidClientSettingsError(`scheme must be auto or one of ${SCHEME_NAMES.join(', ')}`);
  if (secret !== null && secret.length === 0) throw new InvalidClientSettingsError('secret must not be empty (null uses WEBHOOK_SECRET)');
  const secretProblem = secret === null ? undefined : secretProblemFor(scheme, secret);
  if (secretProblem !== undefined) throw new InvalidClientSettingsError(`secret: ${secretProblem} (a secret used as written, such as Stripe's, needs its scheme named)`);
  if (!Number.isInteger(response.status) || response.status < 200 || response.status > 599) throw new InvalidClientSettingsError('response.status must be an integer from 200 to 599');
  if (!Number.isInteger(response.delayMs) || response.delayMs < 0 || response.delayMs > MAX_DELAY_MS) throw new InvalidClientSettingsError(`response.delay_ms must be an integer from 0 to ${MAX_DELAY_MS}`);
  if (!(response.failureRate >= 0 && response.failureRate <= 1)) throw new InvalidClientSettingsError('response.failure_rate must be from 0 to 1');
}

/**
 * Settings read and written back carry what GET says of the secret. A PUT without a secret keeps
 * the client's, so that description must be of the secret kept: one that is not was read from
 * another client, or before the secret changed, and the PUT would not write what it shows.
 */
function checkSecretAsShown(kept: string | null, shown: SecretAsShown): void {
  const keptPrefix = kept === null ? null : secretSha256Prefix(kept);
  const keeps = kept === null ? 'it has none (it uses WEBHOOK_SECRET)' : `it has one with SHA-256 prefix ${keptPrefix}`;
  const howToSet = 'a PUT without secret keeps the secret the client has: give secret to set one, or null for WEBHOOK_SECRET';
  if (shown.set !== undefined && shown.set !== (kept !== null)) {
    throw new InvalidClientSettingsError(`secret_set is read-only: it says the client ${shown.set ? 'has' : 'has no'} secret of its own, but ${keeps}; ${howToSet}`);
  }
  if (shown.sha256Prefix !== undefined && shown.sha256Prefix !== keptPrefix) {
    throw new InvalidClientSettingsError(`secret_sha256_prefix is read-only: it names ${shown.sha256Prefix === null ? 'no secret' : `a secret with SHA-256 prefix ${shown.sha256Prefix}`}, but the client's own secret: ${keeps}; ${howToSet}`);
  }
}

interface ClientRow {
  client_id: string;
  scheme: SchemeName | null;
  secret: string | null;
  require_signature: number | null;
  response_status: number;
  delay_ms: number;
  failure_rate: number;
  forward_url: string | null;
  payload_schema: string | null;
  updated_at: number;
}

function toSettings(row: ClientRow): ClientSettings {
  return {
    clientId: row.client_id,
    scheme: row.scheme ?? 'auto',
    secret: row.secret,
    requireSignature: row.require_signature === null ? null : row.require_signature === 1,
    response: { status: row.response_status, delayMs: row.delay_ms, failureRate: row.failure_rate },
    forwardUrl: row.forward_url,
    payloadSchema: row.payload_schema === null ? null : (JSON.parse(row.payload_schema) as PayloadSchema),
    updatedAt: row.updated_at,
  };
}

/** Per-client verification and response settings, persisted with the event log. */
export class ClientSettingsStore {
  private readonly cache = new Map<string, ClientSettings>();
  /**
   * Stored settings that the checks of a PUT now refuse (a whsec_ secret holding no key, stored
   * before such secrets were refused, would verify with an empty key, which anyone can sign
   * with), with why. They are never used: the client's operations fail until PUT or DELETE.
   */
  private readonly unusable = new Map<string, { settings: ClientSettings; problem: string }>();

  constructor(private readonly db: Db) {
    for (const row of db.prepare('SELECT * FROM clients').all() as ClientRow[]) {
      const settings = toSettings(row);
      try {
        check(settings);
        this.cache.set(row.client_id, settings);
      } catch (error) {
        if (!(error instanceof InvalidClientSettingsError)) throw error;
        this.unusable.set(row.client_id, { settings, problem: error.message });
      }
    }
  }

  /** The client's settings, or the defaults for a client never configured; throws UnusableStoredSettingsError for stored ones refused. */
  get(clientId: string): ClientSettings {
    const refused = this.unusable.get(clientId);
    if (refused) throw new UnusableStoredSettingsError(clientId, refused.problem);
    return this.cache.get(clientId) ?? defaults(clientId);
  }

  /** What any use of each client whose stored settings are refused meets: start-up logs it. */
  refused(): UnusableStoredSettingsError[] {
    return [...this.unusable].map(([clientId, { problem }]) => new UnusableStoredSettingsError(clientId, problem));
  }

  /** Every client with stored settings, those refused too (marked, so that the user sees what to mend). */
  list(): ListedClient[] {
    const inForce = [...this.cache.values()].map((settings) => ({ settings, unusable: null }));
    const refused = [...this.unusable].map(([clientId, { settings, problem }]) => ({ settings, unusable: new UnusableStoredSettingsError(clientId, problem) }));
    return [...inForce, ...refused].sort((a, b) => a.settings.clientId.localeCompare(b.settings.clientId));
  }

  /**
   * Replaces the client's settings; fields left out take their defaults, except the secret: it is
   * never shown again once set (as GitHub keeps a webhook's), so settings read and written back
   * have none, and a secret left out stays as it is. null returns the client to WEBHOOK_SECRET.
   */
  put(clientId: string, input: ClientSettingsInput, now: number): ClientSettings {
    checkClientId(clientId);
    const base = defaults(clientId);
    const secret = input.secret === undefined ? this.stored(clientId).secret : input.secret;
    if (input.secret === undefined && input.secretAsShown) checkSecretAsShown(secret, input.secretAsShown);
    const settings: ClientSettings = {
      clientId,
      scheme: input.scheme ?? base.scheme,
      secret,
      requireSignature: input.requireSignature ?? null,
      response: {
        status: input.response?.status ?? base.response.status,
        delayMs: input.response?.delayMs ?? base.response.delayMs,
        failureRate: input.response?.failureRate ?? base.response.failureRate,
      },
      forwardUrl: input.forwardUrl ?? null,
      payloadSchema: input.payloadSchema ?? null,
      updatedAt: now,
    };
    check(settings);
    this.db.prepare(`INSERT OR REPLACE INTO clients (client_id, scheme, secret, require_signature, response_status, delay_ms, failure_rate, forward_url, payload_schema, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      clientId,
      settings.scheme === 'auto' ? null : settings.scheme,
      settings.secret,
      settings.requireSignature === null ? null : Number(settings.requireSignature),
      settings.response.status,
      settings.response.delayMs,
      settings.response.failureRate,
      settings.forwardUrl,
      settings.payloadSchema === null ? null : JSON.stringify(settings.payloadSchema),
      now,
    );
    this.cache.set(clientId, settings);
    this.unusable.delete(clientId);
    return settings;
  }

  /** Back to the defaults; true when there was something to remove. */
  remove(clientId: string): boolean {
    this.db.prepare('DELETE FROM clients WHERE client_id = ?').run(clientId);
    return this.unusable.delete(clientId) || this.cache.delete(clientId);
  }

  /** What is stored, refused or not: a PUT keeps a refused secret only to refuse it again, never to drop it unasked. */
  stored(clientId: string): ClientSettings {
    return this.unusable.get(clientId)?.settings ?? this.get(clientId);
  }
}
