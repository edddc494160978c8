import type { Express } from 'express';
import { HttpProblem } from '../../kit';
import type { ActivityEntry, ActivityLog } from '../../client-app/activity-log';

const HEARTBEAT_MS = 15_000;

/** One server-sent event per entry (WHATWG HTML §9.2): the id lets a browser resume after it. */
function eventOf(entry: ActivityEntry): string {
  return `id: ${entry.id}\nevent: activity\ndata: ${JSON.stringify(entry)}\n\n`;
}

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
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    for (const entry of activity.recent(after)) res.write(eventOf(entry));
    const unsubscribe = activity.subscribe((entry) => res.write(eventOf(entry)));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
