import type { EventFilter } from './event-record';

export interface SqlCondition {
  /** `WHERE ...` or an empty string. */
  where: string;
  params: Record<string, unknown>;
}

/** `%`, `_` and the escape character itself are literal in a text search. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/** Turns a filter into a parameterised WHERE clause over the events table. */
export function filterToSql(filter: EventFilter, extra: string[] = []): SqlCondition {
  const clauses: string[] = [...extra];
  const params: Record<string, unknown> = {};
  if (filter.clientId !== undefined) {
    clauses.push('client_id = @clientId');
    params.clientId = filter.clientId;
  }
  if (filter.payloadValid !== undefined) {
    clauses.push('payload_valid = @payloadValid');
    params.payloadValid = Number(filter.payloadValid);
  }
  if (filter.eventType !== undefined) {
    clauses.push('event_type = @eventType');
    params.eventType = filter.eventType;
  }
  if (filter.verification !== undefined) {
    clauses.push('sig_status = @verification');
    params.verification = filter.verification;
  }
  if (filter.outcome !== undefined) {
    clauses.push('outcome = @outcome');
    params.outcome = filter.outcome;
  }
  if (filter.text !== undefined && filter.text !== '') {
    clauses.push("CAST(body AS TEXT) LIKE @text ESCAPE '\\'");
    params.text = likePattern(filter.text);
  }
  if (filter.since !== undefined) {
    clauses.push('received_at >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push('received_at <= @until');
    params.until = filter.until;
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
