import { isPrincipalId, PRINCIPAL_ID_RULE } from '../kit/principal-id';
import { InvalidFormError } from './errors';

/** A user id becomes a JWT `sub`, and the image API puts it in its webhook URL: a PrincipalId. */
export function checkedUserId(value: unknown): string {
  if (value === undefined || value === null || value === '') throw new InvalidFormError('user_id is required', 'user_id');
  if (!isPrincipalId(value)) {
    throw new InvalidFormError(`user_id must be ${PRINCIPAL_ID_RULE}`, 'user_id');
  }
  return value;
}
