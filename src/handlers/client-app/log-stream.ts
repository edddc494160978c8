import type { Express } from 'express';
import { HttpProblem, serveEventStream } from '../../kit';
import type { ActivityLog } from '../../client-app/activity-log';

function lastEventId(header: string | undefined): number {
  if (header === undefined || header === '') return 0;
  if (!/^\d+$/.test(header)) throw new HttpProblem(400, 'Request validation failed', 'header.last-event-id must be a non-negative integer', { errors: [{ field: 'header.last-event-id', message: 'must be a non-negative integer' }] });
  return Number(header);
}

/**
 * GET /api/logs/stream (operationId streamLogs): mounted before the OpenAPI router because an
 * event stream never ends, so it cannot go through response validation.
 */
export function mountLogStream(app: Express, activity: ActivityLog): void {
  app.get('/api/logs/stream', (req, res) => {
    const after = lastEventId(req.get('last-event-id'));
    serveEventStream(req, res, (stream) => {
      for (const entry of activity.recent(after)) stream.send('activity', entry, entry.id);
      return activity.subscribe((entry) => stream.send('activity', entry, entry.id));
    }, 3000);
  });
}
