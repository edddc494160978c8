import { InvalidFormError } from './errors';

/**
 * PrincipalId in openapi/components/identity.yaml: a user id becomes a JWT `sub`, and the image
 * API puts it in its webhook URL, so it is kept plain. A first letter, digit or `_` also rules
 * out the dot segments `.` and `..` (RFC 3986 §3.3).
 */
const USER_ID = /^[A-Za-z0-9_][A-Za-z0-9_.@:+-]{0,127}$/;

export function checkedUserId(value: unknown): string {
  if (value === undefined || value === null || value === '') throw new InvalidFormError('user_id is required', 'user_id');
  if (typeof value !== 'string' || !USER_ID.test(value)) {
    throw new InvalidFormError('user_id must be 1-128 letters, digits or _ . @ : + -, starting with a letter, digit or _', 'user_id');
  }
  return value;
}
