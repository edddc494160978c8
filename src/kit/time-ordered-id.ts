import { randomUUID } from 'node:crypto';

let lastMillisecond = 0;
let countThisMillisecond = 0;

/** 30 random hex digits: a UUID's, less its fixed version and variant digits. */
function randomHexDigits(): string {
  const uuid = randomUUID(); // xxxxxxxx-xxxx-4xxx-vxxx-xxxxxxxxxxxx, from a pool: cheaper than randomBytes
  return `${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(15, 18)}${uuid.slice(20, 23)}${uuid.slice(24)}`;
}

/**
 * An id that sorts after those made before it, as long as the clock does not go back: the time
 * (12 hex digits of epoch ms), a count within that millisecond (4 hex digits), then `randomDigits`
 * (up to 30) random hex digits, so ids of other processes differ too. Rows keyed by such ids are
 * appended at the end of their index instead of landing on a random page of it, and ordering by
 * id is ordering by age.
 */
export function timeOrderedId(randomDigits: number, now = Date.now()): string {
  if (now === lastMillisecond) countThisMillisecond += 1;
  else {
    lastMillisecond = now;
    countThisMillisecond = 0;
  }
  const count = countThisMillisecond.toString(16).padStart(4, '0');
  return `${now.toString(16).padStart(12, '0')}${count}${randomHexDigits().slice(0, randomDigits)}`;
}
