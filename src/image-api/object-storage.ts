import type { S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { StorageRefusedError } from './errors';

export interface S3Settings {
  endpoint: string;
  /** The endpoint presigned URLs name: the one their users (a browser) reach S3 by. */
  publicEndpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export type StorageProbe = { reachable: true } | { reachable: false; detail: string };

const loadSdk = () => Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

interface Clients {
  sdk: Sdk[0];
  presign: Sdk[1]['getSignedUrl'];
  client: S3Client;
  /** Signs URLs for the public endpoint; presigning is offline, so it never sends a request. */
  presigner: S3Client;
}

/**
 * The image API's view of S3, through the real AWS SDK v3 on its defaults (path-style, as the
 * S3 mock and MinIO expect): the worker talks to the S3 mock exactly as the real service would.
 * The SDK loads with the first job, not at start-up (it takes a tenth of a second to load).
 */
export class ObjectStorage {
  private clients?: Promise<Clients>;
  private closed = false;

  constructor(private readonly settings: S3Settings) {}

  get endpoint(): string {
    return this.settings.endpoint;
  }

  /** The origin (scheme, host, port) of the URLs presignGet makes. */
  get publicOrigin(): string {
    return new URL(this.settings.publicEndpoint).origin;
  }

  /** Creates the bucket unless it exists (S3: CreateBucket outside us-east-1 names its region). */
  async ensureBucket(bucket: string, abortSignal?: AbortSignal): Promise<void> {
    const { sdk, client } = await this.connected();
    try {
      await asked('HeadBucket', () => client.send(new sdk.HeadBucketCommand({ Bucket: bucket }), { abortSignal }));
      return;
    } catch (error) {
      if (!(error instanceof StorageRefusedError && error.status === 404)) throw error;
    }
    const configuration = this.settings.region === 'us-east-1' ? undefined : { LocationConstraint: this.settings.region as never };
    try {
      await asked('CreateBucket', () => client.send(new sdk.CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }), { abortSignal }));
    } catch (error) {
      // Another job created it meanwhile: that is what we wanted.
      if (!(error instanceof StorageRefusedError && error.code === 'BucketAlreadyOwnedByYou')) throw error;
    }
  }

  /** Streams a file into S3 (its length is known, so the SDK need not buffer it). */
  async putFile(bucket: string, key: string, file: string, contentType: string, sizeBytes: number, abortSignal?: AbortSignal): Promise<void> {
    const { sdk, client } = await this.connected();
    const Body = fs.createReadStream(file);
    try {
      await asked('PutObject', () => client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body, ContentLength: sizeBytes, ContentType: contentType }), { abortSignal }));
    } finally {
      Body.destroy();
    }
  }

  async putBuffer(bucket: string, key: string, data: Buffer, contentType: string, abortSignal?: AbortSignal): Promise<void> {
    const { sdk, client } = await this.connected();
    await asked('PutObject', () => client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: contentType }), { abortSignal }));
  }

  /** A SigV4 presigned GET URL on the configured endpoint, valid for `expiresInS` seconds. */
  async presignGet(bucket: string, key: string, expiresInS: number): Promise<string> {
    const { sdk, presign, presigner } = await this.connected();
    return presign(presigner, new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInS });
  }

  /**
   * Whether S3 answers at all; any HTTP reply, even an S3 auth error, means it is reachable. A
   * plain request, so /health does not load the SDK.
   */
  async probe(timeoutMs: number): Promise<StorageProbe> {
    try {
      const answer = await fetch(this.settings.endpoint, { signal: AbortSignal.timeout(timeoutMs) });
      await answer.body?.cancel();
      return { reachable: true };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause ?? (error as Error);
      return { reachable: false, detail: cause.message || cause.name };
    }
  }

  close(): void {
    this.closed = true;
    void this.clients?.then(({ client, presigner }) => {
      client.destroy();
      if (presigner !== client) presigner.destroy();
    });
  }

  private connected(): Promise<Clients> {
    if (this.closed) return Promise.reject(new Error('object storage is closed'));
    this.clients ??= loadSdk().then(([sdk, presigner]) => {
      const clientFor = (endpoint: string) => new sdk.S3Client({
        endpoint,
        region: this.settings.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
        requestHandler: { connectionTimeout: 2000, requestTimeout: 30_000 },
      });
      const client = clientFor(this.settings.endpoint);
      return { sdk, presign: presigner.getSignedUrl, client, presigner: this.settings.publicEndpoint === this.settings.endpoint ? client : clientFor(this.settings.publicEndpoint) };
    });
    return this.clients;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/**
 * The error codes of 4xx answers that asking again may cure: a timeout, and throttling (S3 API
 * Reference, "Error responses": 400 RequestTimeout, 503 SlowDown; the AWS SDKs retry these too).
 */
const TRANSIENT_CODES = new Set(['RequestTimeout', 'RequestTimeoutException', 'SlowDown', 'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * Runs one S3 request. A 4xx answer other than a timeout or throttling (408, 429, or a code of
 * TRANSIENT_CODES) is S3's last word on it, thrown as a StorageRefusedError so that the job fails
 * at once saying why; no answer at all (a network error) and a 5xx are thrown as they are, for
 * the job to be retried.
 */
async function asked<T>(operation: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || status < 400 || status >= 500 || status === 408 || status === 429) throw error;
    const { name, message } = error as Error;
    if (TRANSIENT_CODES.has(name)) throw error;
    // A HEAD answer has no body, so no error document: the SDK can name no code (`Unknown`).
    if (name === 'Unknown') throw new StorageRefusedError(operation, status, STATUS_CODES[status] ?? 'Error', 'the answer to a HEAD request has no error document to say why');
    throw new StorageRefusedError(operation, status, name, message);
  }
}
