/**
 * kill -9 of the S3 mock (file storage) in the middle of concurrent PutObject and multipart
 * traffic from @aws-sdk/client-s3, then a restart on the same DATA_DIR: every acknowledged write
 * is there and whole, and nothing half-written is visible.
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type MultipartUpload,
  type Part,
  type S3Client,
} from '@aws-sdk/client-s3';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { storedBodyIds } from '../../support/s3-stored-bodies';
import { s3Client } from './sdk-client';
import { bodyOf, describeBody, describeParts, sha256Of, WriteLedger, Writes, type SentBody, type UploadRecord } from './write-ledger';

const Bucket = 'test-bucket';
const MIB = 1024 * 1024;
const PUT_SIZES = [0, 1, 1000, 64 * 1024, MIB, 3 * MIB + 7, 6 * MIB + 3];
/** Every part but the last at S3's 5 MiB minimum, so any prefix of the parts can be completed. */
const PART_SIZES = [5 * MIB, 5 * MIB, MIB + 17];
const PUT_WORKERS = 6;
const MULTIPART_WORKERS = 3;
const TRAFFIC_CAP_MS = 10_000;

const partBody = (key: string, partNumber: number) => bodyOf(`${key}#part${partNumber}`, PART_SIZES[partNumber - 1]);

interface StoredObject {
  key: string;
  listed: { size?: number; etag?: string };
  head: { size?: number; etag?: string };
  got: { size?: number; etag?: string; sha256: string };
}

describe('S3 mock durability across kill -9 (STORAGE=fs)', () => {
  let dataDir: string;
  const clients: S3Client[] = [];
  const ledger = new WriteLedger();
  let stored: StoredObject[];
  let listedUploads: MultipartUpload[];
  /** ListParts of every listed upload, by upload id. */
  const listedParts = new Map<string, Part[]>();
  let filesAfterRestart: { tmp: number; bodies: number };

  const startOnDisk = async () => {
    const server = await startChildServer('s3', { STORAGE: 'fs', DATA_DIR: dataDir });
    const client = s3Client(server);
    clients.push(client);
    return { server, client };
  };

  /** Overwrites its own three keys over and over, with bodies of every size. */
  async function putWorker(client: S3Client, worker: number, stopped: () => boolean) {
    for (let round = 0; !stopped(); round += 1) {
      const key = `puts/w${worker}/k${round % 3}`;
      const body = bodyOf(`${key}#${round}`, PUT_SIZES[(worker + round) % PUT_SIZES.length]);
      const writes = ledger.writesOf(key);
      writes.send(describeBody(body));
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body }));
      writes.acknowledge();
      ledger.acknowledgedPuts += 1;
    }
  }

  /** Uploads three parts to a fresh key; completes every other upload and abandons the rest, in progress. */
  async function multipartWorker(client: S3Client, worker: number, stopped: () => boolean) {
    for (let round = 0; !stopped(); round += 1) {
      const key = `multipart/w${worker}/u${round}`;
      ledger.unansweredCreates.add(key);
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
      ledger.unansweredCreates.delete(key);
      const upload: UploadRecord = { key, uploadId: UploadId!, parts: new Map(), complete: 'never' };
      ledger.uploads.set(upload.uploadId, upload);
      const parts: Part[] = [];
      for (let partNumber = 1; partNumber <= PART_SIZES.length; partNumber += 1) {
        const body = partBody(key, partNumber);
        const writes = new Writes();
        upload.parts.set(partNumber, writes);
        writes.send(describeBody(body));
        const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: partNumber, Body: body }));
        writes.acknowledge();
        parts.push({ ETag, PartNumber: partNumber });
      }
      if ((worker + round) % 2 === 0) {
        ledger.abandonedUploads += 1; // as by a client that went away
        continue;
      }
      const object = ledger.writesOf(key);
      object.send(describeParts(parts.map((part) => partBody(key, part.PartNumber!))));
      upload.complete = 'sent';
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
      upload.complete = 'acknowledged';
      object.acknowledge();
      ledger.acknowledgedCompletes += 1;
    }
  }

  /** A PutObject whose body stops half-way and never ends, so the crash surely finds a body half-written. */
  async function stalledPut(client: S3Client) {
    const key = 'puts/stalled';
    const whole = bodyOf(key, 2 * MIB);
    ledger.writesOf(key).send(describeBody(whole));
    const body = new PassThrough();
    body.write(whole.subarray(0, MIB));
    await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: whole.length }));
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 's3-crash-'));
    const first = await startOnDisk();
    let killing: Promise<void> | undefined;
    let inFlightAtKill = 0;
    const kill = () => {
      inFlightAtKill = ledger.inFlight;
      killing ??= first.server.kill();
    };
    const cap = setTimeout(kill, TRAFFIC_CAP_MS);
    const untilGone = (work: Promise<void>) => work.catch(() => undefined); // a request failed: the server is gone
    // The store streams a body into DATA_DIR/tmp and renames it into place when whole (fs-body-store.ts).
    const halfWrittenBodies = () => readdirSync(join(dataDir, 'tmp')).length;
    const stopped = () => {
      const enough = ledger.acknowledgedPuts >= 30 && ledger.acknowledgedCompletes >= 1 && ledger.abandonedUploads >= 1;
      if (enough && halfWrittenBodies() > 0) kill();
      return killing !== undefined;
    };
    await Promise.all([
      untilGone(stalledPut(first.client)),
      ...Array.from({ length: PUT_WORKERS }, (_, worker) => untilGone(putWorker(first.client, worker, stopped))),
      ...Array.from({ length: MULTIPART_WORKERS }, (_, worker) => untilGone(multipartWorker(first.client, worker, stopped))),
    ]);
    clearTimeout(cap);
    await killing;
    expect(first.server.child.signalCode).toBe('SIGKILL');
    expect(inFlightAtKill).toBeGreaterThan(0);

    const { client } = await startOnDisk();
    filesAfterRestart = { tmp: (await filesUnder(join(dataDir, 'tmp'))).length, bodies: (await storedBodyIds(dataDir)).length };
    stored = await readEveryObject(client);
    listedUploads = await listEveryUpload(client);
    for (const { Key, UploadId } of listedUploads) {
      const { Parts = [] } = await client.send(new ListPartsCommand({ Bucket, Key, UploadId }));
      listedParts.set(UploadId!, Parts);
    }
  }, RESTART_SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await killChildServers();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged PutObject and CompleteMultipartUpload, whole', () => {
    const byKey = new Map(stored.map((object) => [object.key, object]));
    const acknowledged = [...ledger.objects].filter(([, writes]) => writes.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(0);
    const lostOrDamaged = acknowledged.filter(([key, writes]) => !matching(writes, byKey.get(key))).map(([key]) => key);
    expect(lostOrDamaged).toEqual([]);
  });

  it('shows no object but whole bodies that were sent for its key (no torn writes, no temp files)', () => {
    const unexpected = stored.filter((object) => !matching(ledger.objects.get(object.key), object)).map((object) => object.key);
    expect(unexpected).toEqual([]);
  });

  it('answers ListObjectsV2, HeadObject and GetObject alike for every object', () => {
    const disagreeing = stored.filter(({ listed, head, got }) =>
      listed.size !== got.size || head.size !== got.size || listed.etag !== got.etag || head.etag !== got.etag);
    expect(disagreeing).toEqual([]);
  });

  it('lists every multipart upload left in progress, and none that was completed', () => {
    const listed = new Set(listedUploads.map((upload) => upload.UploadId));
    const objectKeys = new Set(stored.map((object) => object.key));
    // A Complete that the crash cut short either ended the upload (and made the object) or did nothing.
    const expectedListed = (upload: UploadRecord) => upload.complete === 'never' || (upload.complete === 'sent' && !objectKeys.has(upload.key));
    const wrong = [...ledger.uploads.values()].filter((upload) => listed.has(upload.uploadId) !== expectedListed(upload));
    expect(wrong).toEqual([]);
    expect(listedUploads.length).toBeGreaterThan(0);
    // An upload the test never learnt the id of can only come from a Create that got no answer, and has no parts.
    const unknown = listedUploads.filter((upload) => !ledger.uploads.has(upload.UploadId!));
    expect(unknown.filter((upload) => !ledger.unansweredCreates.has(upload.Key!) || listedParts.get(upload.UploadId!)!.length > 0)).toEqual([]);
  });

  it('keeps exactly the acknowledged (or cut-short) parts of each upload in progress', () => {
    for (const [uploadId, parts] of listedParts) {
      const upload = ledger.uploads.get(uploadId);
      if (!upload) continue;
      const listed = new Map(parts.map((part) => [part.PartNumber!, { size: part.Size, etag: part.ETag }]));
      const wrong = [...upload.parts].filter(([partNumber, writes]) => {
        const part = listed.get(partNumber);
        if (!part) return writes.acknowledged !== undefined;
        return !writes.possible.some((body) => body.size === part.size && body.etag === part.etag);
      });
      expect({ key: upload.key, wrong }).toEqual({ key: upload.key, wrong: [] });
      expect([...listed.keys()].filter((partNumber) => !upload.parts.has(partNumber))).toEqual([]);
    }
  });

  it('sweeps temp files and the bodies that no object or part refers to at start-up', () => {
    const parts = [...listedParts.values()].reduce((total, list) => total + list.length, 0);
    expect(filesAfterRestart).toEqual({ tmp: 0, bodies: stored.length + parts });
  });

  it('completes the uploads left in progress into exactly the bytes of their parts', async () => {
    const client = clients[clients.length - 1];
    for (const [uploadId, parts] of listedParts) {
      const upload = ledger.uploads.get(uploadId);
      if (!upload || parts.length === 0) continue;
      await client.send(new CompleteMultipartUploadCommand({
        Bucket, Key: upload.key, UploadId: uploadId,
        MultipartUpload: { Parts: parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) },
      }));
      const expected = describeParts(parts.map((part) => partBody(upload.key, part.PartNumber!)));
      const got = await client.send(new GetObjectCommand({ Bucket, Key: upload.key }));
      const body = await got.Body!.transformToByteArray();
      expect({ key: upload.key, sha256: sha256Of(body), size: body.length, etag: got.ETag }).toEqual({ key: upload.key, ...expected });
    }
  });
});

/** The sent body `object` is, with its ETag; undefined if it is none of those `writes` may have stored. */
function matching(writes: Writes | undefined, object: StoredObject | undefined): SentBody | undefined {
  if (!writes || !object) return undefined;
  return writes.possible.find((body) => body.sha256 === object.got.sha256 && body.size === object.got.size && body.etag === object.got.etag);
}

async function filesUnder(dir: string) {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
}

async function readEveryObject(client: S3Client): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
    for (const { Key, Size, ETag } of page.Contents ?? []) {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
      const got = await client.send(new GetObjectCommand({ Bucket, Key }));
      const body = await got.Body!.transformToByteArray();
      objects.push({
        key: Key!,
        listed: { size: Size, etag: ETag },
        head: { size: head.ContentLength, etag: head.ETag },
        got: { size: body.length, etag: got.ETag, sha256: sha256Of(body) },
      });
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return objects;
}

async function listEveryUpload(client: S3Client): Promise<MultipartUpload[]> {
  const uploads: MultipartUpload[] = [];
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  for (;;) {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket, ...markers }));
    uploads.push(...(page.Uploads ?? []));
    if (!page.IsTruncated) return uploads;
    markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
  }
}
