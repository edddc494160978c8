import type { SqliteDatabase } from '../kit/sqlite';
import { InvalidIssuerIdError } from './errors';
import { realTime, type ClockSetting } from './issuer-clock';
import { SigningKeys, type SigningAlg } from './signing-keys';

/** A queued failure: the next `left` token requests answer this OAuth error. */
export interface QueuedFailure {
  error: string;
  description: string | null;
  status: number;
  left: number;
}

/** The failure a token request takes from the queue. */
export type TakenFailure = Omit<QueuedFailure, 'left'>;

export interface Issuer {
  id: string;
  signingAlg: SigningAlg;
  clock: ClockSetting;
  failure: QueuedFailure | null;
  createdAt: string;
}

interface IssuerRow {
  id: string;
  signing_alg: SigningAlg;
  clock_offset_ms: number;
  frozen_at_ms: number | null;
  failure_error: string | null;
  failure_description: string | null;
  failure_status: number | null;
  failures_left: number;
  created_at: string;
}

const ISSUER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Issuers by id, created on first use with their own keys (`default` exists from the start), and
 * the controls that act on one: clock, queued token failures, key rotation.
 */
export class Issuers {
  private readonly creating = new Map<string, Promise<Issuer>>();

  constructor(
    private readonly db: SqliteDatabase,
    readonly keys: SigningKeys,
    private readonly reservedIds: ReadonlySet<string>,
  ) {}

  isValidId(id: string): boolean {
    return ISSUER_ID.test(id) && !this.reservedIds.has(id.toLowerCase());
  }

  list(): Issuer[] {
    return (this.db.prepare('SELECT * FROM issuers ORDER BY id').all() as IssuerRow[]).map(toIssuer);
  }

  find(id: string): Issuer | undefined {
    const row = this.db.prepare('SELECT * FROM issuers WHERE id = ?').get(id) as IssuerRow | undefined;
    return row && toIssuer(row);
  }

  /** The issuer, created with new keys if it does not exist yet. */
  async ensure(id: string): Promise<Issuer> {
    if (!this.isValidId(id)) throw new InvalidIssuerIdError(id);
    const found = this.find(id);
    if (found) return found;
    let pending = this.creating.get(id);
    if (!pending) {
      pending = this.create(id).finally(() => this.creating.delete(id));
      this.creating.set(id, pending);
    }
    return pending;
  }

  private async create(id: string): Promise<Issuer> {
    const keys = await SigningKeys.generate();
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO issuers (id, signing_alg, created_at) VALUES (?, 'RS256', ?)").run(id, new Date(realTime()).toISOString());
      this.keys.install(id, keys, realTime());
    })();
    return this.find(id)!;
  }

  /** New signing keys; the old ones stay in the JWKS for the grace period. `alg` becomes the issuer's default. */
  async rotateKeys(id: string, alg: SigningAlg): Promise<void> {
    const keys = await SigningKeys.generate();
    this.db.transaction(() => {
      this.keys.install(id, keys, realTime());
      this.db.prepare('UPDATE issuers SET signing_alg = ? WHERE id = ?').run(alg, id);
    })();
  }

  /** Shifts the issuer's clock by `offsetMs` from real time; `frozen` stops it at the time it shows now. */
  setClock(id: string, offsetMs: number, frozen: boolean): ClockSetting {
    const setting: ClockSetting = { offsetMs, frozenAtMs: frozen ? realTime() : null };
    this.db.prepare('UPDATE issuers SET clock_offset_ms = ?, frozen_at_ms = ? WHERE id = ?').run(setting.offsetMs, setting.frozenAtMs, id);
    return setting;
  }

  queueFailures(id: string, failure: QueuedFailure): void {
    this.db.prepare('UPDATE issuers SET failure_error = ?, failure_description = ?, failure_status = ?, failures_left = ? WHERE id = ?')
      .run(failure.error, failure.description, failure.status, failure.left, id);
  }

  clearFailures(id: string): void {
    this.queueFailures(id, { error: '', description: null, status: 400, left: 0 });
  }

  /** Takes one queued failure, if any is left. */
  takeFailure(id: string): TakenFailure | undefined {
    const row = this.db.prepare(`
      UPDATE issuers SET failures_left = failures_left - 1 WHERE id = ? AND failures_left > 0
      RETURNING failure_error, failure_description, failure_status
    `).get(id) as { failure_error: string; failure_description: string | null; failure_status: number } | undefined;
    return row && { error: row.failure_error, description: row.failure_description, status: row.failure_status };
  }
}

function toIssuer(row: IssuerRow): Issuer {
  return {
    id: row.id,
    signingAlg: row.signing_alg,
    clock: { offsetMs: row.clock_offset_ms, frozenAtMs: row.frozen_at_ms },
    failure: row.failures_left > 0 ? { error: row.failure_error ?? 'server_error', description: row.failure_description, status: row.failure_status ?? 400, left: row.failures_left } : null,
    createdAt: row.created_at,
  };
}

