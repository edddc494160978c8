// What the S3 bench does to each server, with the same client for all: the AWS SDK v3 S3Client on
// its defaults (SigV4, flexible checksums, its own keep-alive agent), path style.
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { performance } from 'node:perf_hooks';

export const IN_FLIGHT = 32;
const MiB = 1024 * 1024;

export function clientFor(url, [accessKeyId, secretAccessKey]) {
  return new S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
}

export async function createBucket(client, bucket) {
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Runs `task(i)` from `concurrency` workers until `count` tasks ran or `seconds` passed; resolves to { done, seconds }. */
async function closedLoop(task, { seconds = Infinity, count = Infinity, concurrency = IN_FLIGHT }) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      await task(next++);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, seconds: (performance.now() - started) / 1000 };
}

async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

/**
 * PUT, GET or HEAD of small objects for `seconds`, `inFlight` at once; PUT writes
 * `<keyPrefix>0, 1, ...`, GET and HEAD read `<keyPrefix>0..keys-1`. Resolves to { done, seconds }.
 */
export function smallOps(client, bucket, op, { seconds, body, keyPrefix, keys, inFlight }) {
  const key = (i) => `${keyPrefix}${op === 'PUT' ? i : i % keys}`;
  const tasks = {
    PUT: (i) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key(i), Body: body })),
    GET: async (i) => {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(i) }));
      if ((await drain(Body)) !== body.length) throw new Error(`GET ${key(i)}: wrong length`);
    },
    HEAD: (i) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(i) })),
  };
  return closedLoop(tasks[op], { seconds, concurrency: inFlight });
}

/** Fills `bucket` with `count` empty objects, IN_FLIGHT at once. */
export async function seedKeys(client, bucket, count) {
  await closedLoop((i) => client.send(new PutObjectCommand({ Bucket: bucket, Key: `listed/${String(i).padStart(6, '0')}`, Body: Buffer.alloc(0) })), { count });
}

/** One ListObjectsV2 walk of the whole bucket by continuation token (pages of 1000); resolves to milliseconds. */
export async function listWalk(client, bucket, expected) {
  const started = performance.now();
  let listed = 0;
  let token;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    listed += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  if (listed !== expected) throw new Error(`ListObjectsV2 walk listed ${listed} keys, expected ${expected}`);
  return performance.now() - started;
}

/** One PutObject of `body`, then one GetObject of it read to the end; resolves to { putMBps, getMBps } (MB = 10^6 bytes). */
export async function bigTransfer(client, bucket, body) {
  const key = 'big/object';
  let started = performance.now();
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const putMBps = body.length / 1e6 / ((performance.now() - started) / 1000);
  started = performance.now();
  const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const got = await drain(Body);
  const getMBps = got / 1e6 / ((performance.now() - started) / 1000);
  if (got !== body.length) throw new Error(`big GET: ${got} bytes, expected ${body.length}`);
  return { putMBps, getMBps };
}

/** A multipart upload of `body` in parts of `partMiB`, 4 parts in flight; resolves to MB/s from create to complete. */
export async function multipartPut(client, bucket, body, partMiB = 16) {
  const key = 'big/multipart';
  const partSize = partMiB * MiB;
  const started = performance.now();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const parts = [];
  const count = Math.ceil(body.length / partSize);
  await closedLoop(async (i) => {
    const part = body.subarray(i * partSize, Math.min(body.length, (i + 1) * partSize));
    const { ETag } = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: part }));
    parts[i] = { ETag, PartNumber: i + 1 };
  }, { count, concurrency: 4 });
  await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  return body.length / 1e6 / ((performance.now() - started) / 1000);
}
