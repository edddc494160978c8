import { InvalidFormError } from './errors';

/** User ids end up in a JWT `sub`, in webhook client ids and in URLs, so keep them plain. */
const USER_ID = /^[\w.@:+-]{1,128}$/;

export function checkedUserId(value: unknown): string {
  if (value === undefined || value === null || value === '') throw new InvalidFormError('user_id is required', 'user_id');
  if (typeof value !== 'string' || !USER_ID.test(value)) {
    throw new InvalidFormError('user_id must be 1-128 letters, digits or . _ @ : + -', 'user_id');
  }
  return value;
}
