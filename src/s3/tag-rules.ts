/**
 * S3's limits on tag sets, the same whether tags arrive as a Tagging document, an x-amz-tagging
 * header or a POST form field: 10 tags on an object (more is BadRequest), 50 on a bucket, unique
 * keys of 1-128 characters, values of at most 256, both made only of letters, digits, spaces and
 * `_ . : / = + - @` (S3's tag pattern), and no `aws:` keys (reserved for AWS).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_S3Tag.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
 */
import { S3Error } from './errors';
import type { Tag } from './store/object-store';

export type TagTarget = 'object' | 'bucket';

const MAX_TAGS: Record<TagTarget, number> = { object: 10, bucket: 50 };
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/** The pattern S3 documents for tag keys and values: `&`, `,`, `(`, `!`, `?`... are InvalidTag. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Length in characters (code points), as S3 counts it. */
const characters = (text: string) => Array.from(text).length;

/**
 * S3 words the refusal of a duplicate key and of an `aws:` key as below, naming the key (localstack's
 * recorded answers: test_tagging_validation 'put-bucket-tags-duplicate-keys',
 * 'put-bucket-tags-aws-prefixed', 'put-object-tags-aws-prefixed').
 */
const RESERVED_KEY_MESSAGE: Record<TagTarget, string> = {
  object: 'Your TagKey cannot be prefixed with aws:',
  bucket: 'System tags cannot be added/updated by requester',
};

export function checkTags(tags: Tag[], target: TagTarget): Tag[] {
  const max = MAX_TAGS[target];
  if (tags.length > max) {
    throw target === 'object'
      ? new S3Error('BadRequest', `Object tags cannot be greater than ${max}`)
      : new S3Error('InvalidTag', `Bucket tag count cannot be greater than ${max}`, { TagCount: tags.length });
  }
  const repeated = tags.find((tag, i) => tags.findIndex((other) => other.key === tag.key) !== i);
  if (repeated) throw new S3Error('InvalidTag', 'Cannot provide multiple Tags with the same key', { TagKey: repeated.key });
  for (const tag of tags) {
    if (tag.key === '' || characters(tag.key) > MAX_KEY_LENGTH || !TAG_CHARACTERS.test(tag.key)) throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid', { TagKey: tag.key });
    if (characters(tag.value) > MAX_VALUE_LENGTH || !TAG_CHARACTERS.test(tag.value)) throw new S3Error('InvalidTag', 'The TagValue you have provided is invalid', { TagKey: tag.key, TagValue: tag.value });
    if (tag.key.toLowerCase().startsWith('aws:')) throw new S3Error('InvalidTag', RESERVED_KEY_MESSAGE[target], { TagKey: tag.key });
  }
  return tags;
}
