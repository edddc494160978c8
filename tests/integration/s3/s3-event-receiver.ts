/**
 * What the webhook receiver stored of the S3 mock's event notifications, and what the S3 mock's
 * outbox says about them: polled until the wanted state, for the event notification suites.
 */
import type { components as receiverSchemas } from '../../../generated/webhook-receiver';
import type { components as s3Schemas } from '../../../generated/s3-mock';
import { eventually } from '../../support/eventually';

export type StoredEvent = receiverSchemas['schemas']['Event'];
export type AdminNotificationList = s3Schemas['schemas']['AdminNotificationList'];

const WAIT_MS = 15_000;

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  return eventually(async () => {
    last = await read();
    return done(last) ? last : undefined;
  }, { timeoutMs: WAIT_MS, what: () => `${what}; last seen: ${JSON.stringify(last)?.slice(0, 2000)}` }) as Promise<T>;
}

/** The events the receiver stored for `clientId`, oldest first, once there are at least `count`. */
export async function receivedEvents(receiverUrl: string, clientId: string, count: number): Promise<StoredEvent[]> {
  const read = async () => {
    const { events } = (await (await fetch(`${receiverUrl}/webhooks/events?client_id=${encodeURIComponent(clientId)}&limit=500`)).json()) as { events: StoredEvent[] };
    return events.reverse();
  };
  return pollUntil(read, (events) => events.length >= count, `${count} events for ${clientId}`);
}

/** GET /admin/notifications of the S3 mock, once `done` holds. */
export async function outboxWhen(s3Url: string, done: (list: AdminNotificationList) => boolean, query = ''): Promise<AdminNotificationList> {
  const read = async () => (await (await fetch(`${s3Url}/admin/notifications?limit=1000${query}`)).json()) as AdminNotificationList;
  return pollUntil(read, done, 'the outbox');
}

/** The payload of a stored S3 event: AWS's Records message. */
export function recordOf(event: StoredEvent): Record<string, unknown> {
  return ((event.payload as { Records: Record<string, unknown>[] }).Records)[0];
}
