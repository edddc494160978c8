import type { EventFilter, PayloadCheck } from './event-record';

export interface SqlCondition {
  /** `WHERE ...` or an empty string. */
  where: string;
  params: Record<string, unknown>;
}

/** payload_valid is 1 or 0 once judged; a check that reached no verdict leaves it null and says why in payload_not_judged. */
const PAYLOAD_CHECK_SQL: Record<PayloadCheck, string> = {
  valid: 'payload_valid = 1',
  not_valid: 'payload_valid = 0',
  not_judged: 'payload_not_judged IS NOT NULL',
  unchecked: 'payload_valid IS NULL AND payload_not_judged IS NULL',
};

/** Turns a filter into a parameterised WHERE clause over the events table. */
export function filterToSql(filter: EventFilter, extra: string[] = []): SqlCondition {
  const clauses: string[] = [...extra];
  const params: Record<string, unknown> = {};
  if (filter.clientId !== undefined) {
    clauses.push('client_id = @clientId');
    params.clientId = filter.clientId;
  }
  if (filter.payloadCheck !== undefined) clauses.push(PAYLOAD_CHECK_SQL[filter.payloadCheck]);
  if (filter.payloadValid !== undefined) clauses.push(PAYLOAD_CHECK_SQL[filter.payloadValid ? 'valid' : 'not_valid']);
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
    // LIKE reads its text as a C string and stops at the first NUL byte, so nothing after one in
    // a body could be found; instr compares every byte (lower, as LIKE, folds ASCII case only).
    clauses.push('instr(lower(body), lower(@text)) > 0');
    params.text = filter.text;
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
