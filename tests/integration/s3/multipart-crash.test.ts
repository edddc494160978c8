/**
 * kill -9 of the S3 mock (file storage) right after CompleteMultipartUpload answered, then a
 * restart on the same DATA_DIR: the object is there, made of its part bodies without a copy
 * (src/s3/store/composite-body.ts), and its upload is gone.
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { storedBodyIds } from '../../support/s3-stored-bodies';
import { s3Client } from './sdk-client';

const Bucket = 'test-bucket';
const Key = 'assembled.bin';
const MIB = 1024 * 1024;

describe('a completed multipart upload across kill -9 (STORAGE=fs)', () => {
  let dataDir: string;
  const clients: S3Client[] = [];
  const startOnDisk = async () => {
    const server = await startChildServer('s3', { STORAGE: 'fs', DATA_DIR: dataDir });
    const client = s3Client(server);
    clients.push(client);
    return { server, client };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 's3-multipart-crash-'));
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await killChildServers();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads the object whole, across its part boundaries and by part after the restart, and lists no upload', async () => {
    const parts = [randomBytes(5 * MIB), randomBytes(5 * MIB), randomBytes(1000)];
    const first = await startOnDisk();
    const { UploadId } = await first.client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const listed = [];
    for (const [index, Body] of parts.entries()) {
      const { ETag } = await first.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: index + 1, Body }));
      listed.push({ ETag, PartNumber: index + 1 });
    }
    await first.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: listed } }));
    await first.server.kill();

    const { client } = await startOnDisk();
    const whole = Buffer.concat(parts);
    const read = async (Range?: string, PartNumber?: number) => {
      const object = await client.send(new GetObjectCommand({ Bucket, Key, Range, PartNumber }));
      return { bytes: Buffer.from(await object.Body!.transformToByteArray()), partsCount: object.PartsCount };
    };
    expect((await read()).bytes.equals(whole)).toBe(true);
    const [from, to] = [5 * MIB - 100, 10 * MIB + 99];
    expect((await read(`bytes=${from}-${to}`)).bytes.equals(whole.subarray(from, to + 1))).toBe(true);
    const third = await read(undefined, 3);
    expect([third.bytes.equals(parts[2]), third.partsCount]).toEqual([true, 3]);
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
    expect(await storedBodyIds(dataDir)).toHaveLength(1);
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
