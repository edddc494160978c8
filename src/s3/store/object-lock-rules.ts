/**
 * S3 Object Lock's rules for one version: the bucket's default retention on new versions, who
 * may delete a locked version, and which retention changes are allowed.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
import { S3Error } from '../errors';
import type { ObjectInfo, ObjectLock, ObjectLockConfig } from './object-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new version without its own retention gets the bucket's default (counted from its creation). */
export function withDefaultRetention(info: ObjectInfo, config: ObjectLockConfig | undefined): ObjectInfo {
  const rule = config?.rule;
  if (!rule || info.lock?.mode) return info;
  const until = new Date(info.lastModified);
  if (rule.years !== undefined) until.setUTCFullYear(until.getUTCFullYear() + rule.years);
  else until.setTime(until.getTime() + (rule.days ?? 0) * DAY_MS);
  return { ...info, lock: { ...info.lock, mode: rule.mode, retainUntil: until.toISOString() } };
}

function retainedUntil(lock: ObjectLock | undefined, now: Date): number | undefined {
  if (!lock?.mode || !lock.retainUntil) return undefined;
  const until = Date.parse(lock.retainUntil);
  return until > now.getTime() ? until : undefined;
}

const locked = () => new S3Error('AccessDenied', 'Access Denied because object protected by object lock.');

/** A legal hold, a COMPLIANCE retention, or a GOVERNANCE retention without bypass keeps a version. */
export function assertDeletable(lock: ObjectLock | undefined, bypassGovernance: boolean, now = new Date()): void {
  if (lock?.legalHold === 'ON') throw locked();
  if (retainedUntil(lock, now) === undefined) return;
  if (lock!.mode === 'COMPLIANCE' || !bypassGovernance) throw locked();
}

/**
 * Retention may always be extended in its mode; shortening, removing or changing the mode of a
 * GOVERNANCE retention needs the bypass, and a COMPLIANCE one cannot be weakened at all.
 */
export function assertRetentionChange(current: ObjectLock | undefined, next: ObjectLock, bypassGovernance: boolean, now = new Date()): void {
  const until = retainedUntil(current, now);
  if (until === undefined) return;
  const extends_ = next.mode === current!.mode && next.retainUntil !== undefined && Date.parse(next.retainUntil) >= until;
  if (extends_) return;
  if (current!.mode === 'COMPLIANCE' || !bypassGovernance) throw locked();
}
