/**
 * GET /admin/notifications: the outbox of S3 event notifications and its delivery state
 * (docs/ARCHITECTURE.md, "S3 event notifications").
 */
import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/s3-mock';
import type { OperationHandlers } from '../../kit';
import type { S3Config } from '../../s3/config';
import type { DeliveryStatus, OutboxMessage } from '../../s3/events';
import type { ObjectStore } from '../../s3/store';

type AdminNotification = components['schemas']['AdminNotification'];

function adminNotification(message: OutboxMessage, config: S3Config): AdminNotification {
  return {
    id: message.id,
    message_id: message.messageId,
    destination: message.destination,
    format: message.format ?? config.notifyDestinations.get(message.destination)?.format ?? 'records',
    bucket: message.bucket,
    key: message.key,
    event_name: message.eventName,
    sequencer: message.sequencer,
    status: message.status,
    attempts: message.attempts,
    created_at: message.createdAt.toISOString(),
    next_attempt_at: message.nextAttemptAt?.toISOString(),
    last_attempt_at: message.lastAttemptAt?.toISOString(),
    last_status: message.lastStatus,
    last_error: message.lastError,
  };
}

export function notificationAdminHandlers(store: ObjectStore, config: S3Config): Pick<OperationHandlers<operations>, 'listAdminNotifications'> {
  return {
    listAdminNotifications: (c: Context, _req: Request, res: Response) => {
      const query = c.request.query as { status?: DeliveryStatus; bucket?: string; limit?: string; offset?: string };
      const messages = store.outbox.list({
        status: query.status,
        bucket: query.bucket || undefined,
        limit: Number(query.limit ?? 100),
        offset: Number(query.offset ?? 0),
      });
      const body: components['schemas']['AdminNotificationList'] = {
        counts: store.outbox.counts(),
        destinations: [...config.notifyDestinations.values()].map(({ id, url, format }) => ({ id, url, format })),
        notifications: messages.map((message) => adminNotification(message, config)),
      };
      res.json(body);
    },
  };
}
