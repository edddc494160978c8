import type { Context } from 'openapi-backend';
import { HttpProblem } from '../../kit';
import type { EventFilter, Outcome } from '../../webhooks/event-record';
import type { SignatureStatus } from '../../webhooks/signature-schemes';

/** A query parameter as one string (the spec declares none as arrays), or undefined. */
export function queryParam(c: Context, name: string): string | undefined {
  const value = c.request.query?.[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === '' ? undefined : String(single);
}

export function pathParam(c: Context, name: string): string {
  return String(c.request.params[name]);
}

/** An RFC 3339 date-time query parameter as epoch milliseconds. */
function epochMs(c: Context, name: string): number | undefined {
  const value = queryParam(c, name);
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new HttpProblem(400, 'Invalid query parameter', `${name} must be a date-time such as 2025-01-01T12:00:00Z, got "${value}"`);
  return parsed;
}

/** The event filters shared by the list and the export. */
export function eventFilter(c: Context): EventFilter {
  return {
    clientId: queryParam(c, 'client_id'),
    eventType: queryParam(c, 'event_type'),
    verification: queryParam(c, 'verification') as SignatureStatus | undefined,
    outcome: queryParam(c, 'outcome') as Outcome | undefined,
    text: queryParam(c, 'q'),
    since: epochMs(c, 'since'),
    until: epochMs(c, 'until'),
  };
}
