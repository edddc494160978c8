import { InvalidFormError } from './errors';
import { checkedBucket } from './upload-fields';
import { checkedUserId } from './user-id';

export interface StressTestRequest {
  userId: string;
  count: number;
  concurrency: number;
  bucket?: string;
}

/** 51 by default: one more than the image API's 50 uploads per user per hour (docs/ARCHITECTURE.md, "Image API"). */
export const STRESS_DEFAULTS = { count: 51, concurrency: 10 };
const LIMITS = { count: { min: 1, max: 1000 }, concurrency: { min: 1, max: 50 } };

/** Form fields arrive as text, JSON as numbers: accept both, as integers within range. */
function integerField(input: Record<string, unknown>, name: 'count' | 'concurrency'): number {
  const raw = input[name];
  if (raw === undefined || raw === null || raw === '') return STRESS_DEFAULTS[name];
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  const { min, max } = LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidFormError(`${name} must be an integer from ${min} to ${max}`, name);
  }
  return value;
}

/** Validates a stress-test request given as a form or as JSON. */
export function parseStressTestRequest(input: Record<string, unknown>): StressTestRequest {
  const bucket = input.bucket;
  return {
    userId: checkedUserId(input.user_id),
    count: integerField(input, 'count'),
    concurrency: integerField(input, 'concurrency'),
    // checked before the run, so a bad bucket is one 400 rather than `count` refused uploads
    ...(bucket === undefined || bucket === '' ? {} : { bucket: checkedBucket(bucket) }),
  };
}
