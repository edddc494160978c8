/**
 * The shape of a user or client id (PrincipalId in openapi/components/identity.yaml), shared by
 * the client app, which puts user ids in the tokens it issues, and the image API, which puts them
 * in its webhook URL as a path segment. No character may steer that URL: the first character
 * being a letter, digit or `_` also rules out the dot segments `.` and `..` (RFC 3986 §3.3).
 */
export const PRINCIPAL_ID = /^[A-Za-z0-9_][A-Za-z0-9_.@:+-]{0,127}$/;

/** The rule in words, for refusals. */
export const PRINCIPAL_ID_RULE = '1-128 letters, digits or _ . @ : + -, starting with a letter, digit or _';

export function isPrincipalId(value: unknown): value is string {
  return typeof value === 'string' && PRINCIPAL_ID.test(value);
}
