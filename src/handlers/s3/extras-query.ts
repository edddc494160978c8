import type { Context } from 'openapi-backend';

/** One query parameter of an extra, already validated against the spec; empty counts as absent. */
export function queryParam(c: Context, name: string): string | undefined {
  const value = c.request.query?.[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === '' ? undefined : String(single);
}
