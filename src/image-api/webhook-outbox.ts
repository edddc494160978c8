import type Database from 'better-sqlite3';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One webhook to send: the body is fixed when the event happens and sent byte for byte on every attempt. */
export interface WebhookDelivery {
  /** Sent as `webhook-id`: the same on every retry, so the receiver can drop duplicates. */
  deliveryId: string;
  jobId: string;
  clientId: string;
  eventType: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewDelivery = Pick<WebhookDelivery, 'deliveryId' | 'jobId' | 'clientId' | 'eventType' | 'body'>;

interface DeliveryRow {
  delivery_id: string;
  job_id: string;
  client_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** Every query the outbox runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO webhook_deliveries (delivery_id, job_id, client_id, event_type, body, status, attempts,
      created_at, updated_at) VALUES (@deliveryId, @jobId, @clientId, @eventType, @body, 'pending', 0, @now, @now)`),
    get: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE delivery_id = ?'),
    forJob: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE job_id = ? ORDER BY created_at'),
    pending: db.prepare<[], DeliveryRow>("SELECT * FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at"),
    attempt: db.prepare(`UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, last_error = @error,
      updated_at = @now WHERE delivery_id = @deliveryId`),
  };
}

/**
 * The transactional outbox of webhooks: a job's final state and its webhook are written
 * together, and a restart resends whatever is still pending.
 */
export class WebhookOutbox {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database, private readonly now: () => Date = () => new Date()) {
    this.statements = prepareStatements(db);
  }

  add(delivery: NewDelivery): void {
    this.statements.insert.run({ ...delivery, now: this.now().toISOString() });
  }

  get(deliveryId: string): WebhookDelivery | undefined {
    const row = this.statements.get.get(deliveryId);
    return row && toDelivery(row);
  }

  forJob(jobId: string): WebhookDelivery[] {
    return this.statements.forJob.all(jobId).map(toDelivery);
  }

  pending(): WebhookDelivery[] {
    return this.statements.pending.all().map(toDelivery);
  }

  /** Counts one attempt and records where the delivery stands after it. */
  recordAttempt(deliveryId: string, status: DeliveryStatus, error: string | null): void {
    this.statements.attempt.run({ deliveryId, status, error, now: this.now().toISOString() });
  }
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    deliveryId: row.delivery_id,
    jobId: row.job_id,
    clientId: row.client_id,
    eventType: row.event_type,
    body: row.body,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
