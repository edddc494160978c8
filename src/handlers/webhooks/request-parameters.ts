import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { Context } from 'openapi-backend';
import { HttpProblem } from '../../kit';
import type { EventFilter, Outcome, PayloadCheck } from '../../webhooks/event-record';
import type { SignatureStatus } from '../../webhooks/signature-schemes';

/** A 400 shaped like the kit's validation problems, for what the spec's schemas cannot say. */
export function invalidField(field: string, message: string): HttpProblem {
  return new HttpProblem(400, 'Request validation failed', `${field} ${message}`, { errors: [{ field, message }] });
}

/**
 * The header pairs of a resend or test event, each one HTTP can carry: a name that is a token
 * (RFC 9110 §5.6.2) and a value without CR, LF, NUL or other controls, in Latin-1 (RFC 9110 §5.5),
 * as node:http checks before it sends anything. Any other is a 400 naming its place in the list,
 * never quoting the value (a header may carry a credential).
 */
export function sendableHeaders(headers: Array<[string, string]> | undefined): Array<[string, string]> | undefined {
  headers?.forEach(([name, value], index) => {
    try {
      validateHeaderName(name);
    } catch {
      throw invalidField(`body.headers.${index}`, `names no header: ${JSON.stringify(name)} is not an HTTP token (RFC 9110 §5.6.2)`);
    }
    try {
      validateHeaderValue(name, value);
    } catch {
      throw invalidField(`body.headers.${index}`, `has a value HTTP cannot carry (${name}): control characters such as CR, LF or NUL, or characters past U+00FF (RFC 9110 §5.5)`);
    }
  });
  return headers;
}

/** A query parameter as one string (the spec declares none as arrays), or undefined. */
export function queryParam(c: Context, name: string): string | undefined {
  const value = c.request.query?.[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === '' ? undefined : String(single);
}

export function pathParam(c: Context, name: string): string {
  return String(c.request.params[name]);
}

/**
 * A whole-number query parameter. The spec bounds it, but its validator also takes `1e3`,
 * `0x10` or `1.0` for integers; only plain decimal digits are read here.
 */
export function integerParam(c: Context, name: string, fallback: number): number {
  const value = queryParam(c, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value)) throw invalidField(`query.${name}`, `must be a whole number in decimal digits, got "${value}"`);
  return Number(value);
}

/** An RFC 3339 date-time query parameter as epoch milliseconds. */
function epochMs(c: Context, name: string): number | undefined {
  const value = queryParam(c, name);
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw invalidField(`query.${name}`, `must be a date-time such as 2025-01-01T12:00:00Z, got "${value}"`);
  return parsed;
}

/** The event filters shared by the list and the export. */
export function eventFilter(c: Context): EventFilter {
  const payloadValid = queryParam(c, 'payload_valid');
  return {
    clientId: queryParam(c, 'client_id'),
    payloadCheck: queryParam(c, 'payload_check') as PayloadCheck | undefined,
    payloadValid: payloadValid === undefined ? undefined : payloadValid === 'true',
    eventType: queryParam(c, 'event_type'),
    verification: queryParam(c, 'verification') as SignatureStatus | undefined,
    outcome: queryParam(c, 'outcome') as Outcome | undefined,
    text: queryParam(c, 'q'),
    since: epochMs(c, 'since'),
    until: epochMs(c, 'until'),
  };
}
