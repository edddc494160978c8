import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import fs from 'node:fs';

export interface S3Settings {
  endpoint: string;
  /** The endpoint presigned URLs name: the one their users (a browser) reach S3 by. */
  publicEndpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export type StorageProbe = { reachable: true } | { reachable: false; detail: string };

/**
 * The image API's view of S3, through the real AWS SDK v3 on its defaults (path-style, as the
 * S3 mock and MinIO expect): the worker talks to the S3 mock exactly as the real service would.
 */
export class ObjectStorage {
  private readonly client: S3Client;
  /** Signs URLs for the public endpoint; presigning is offline, so it never sends a request. */
  private readonly presigner: S3Client;

  constructor(private readonly settings: S3Settings) {
    const clientFor = (endpoint: string) => new S3Client({
      endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      requestHandler: { connectionTimeout: 2000, requestTimeout: 30_000 },
    });
    this.client = clientFor(settings.endpoint);
    this.presigner = settings.publicEndpoint === settings.endpoint ? this.client : clientFor(settings.publicEndpoint);
  }

  get endpoint(): string {
    return this.settings.endpoint;
  }

  /** Creates the bucket unless it exists (S3: CreateBucket outside us-east-1 names its region). */
  async ensureBucket(bucket: string, abortSignal?: AbortSignal): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal });
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    const configuration = this.settings.region === 'us-east-1' ? undefined : { LocationConstraint: this.settings.region as never };
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }), { abortSignal });
    } catch (error) {
      // Another job created it meanwhile: that is what we wanted.
      if (!(error instanceof S3ServiceException && error.name === 'BucketAlreadyOwnedByYou')) throw error;
    }
  }

  /** Streams a file into S3 (its length is known, so the SDK need not buffer it). */
  async putFile(bucket: string, key: string, file: string, contentType: string, sizeBytes: number, abortSignal?: AbortSignal): Promise<void> {
    const Body = fs.createReadStream(file);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body, ContentLength: sizeBytes, ContentType: contentType }), { abortSignal });
    } finally {
      Body.destroy();
    }
  }

  async putBuffer(bucket: string, key: string, data: Buffer, contentType: string, abortSignal?: AbortSignal): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: contentType }), { abortSignal });
  }

  /** A SigV4 presigned GET URL on the configured endpoint, valid for `expiresInS` seconds. */
  presignGet(bucket: string, key: string, expiresInS: number): Promise<string> {
    return getSignedUrl(this.presigner, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInS });
  }

  /** Whether S3 answers at all; any S3 reply, even an auth error, means it is reachable. */
  async probe(timeoutMs: number): Promise<StorageProbe> {
    try {
      await this.client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
      return { reachable: true };
    } catch (error) {
      if (statusOf(error) !== undefined) return { reachable: true };
      return { reachable: false, detail: (error as Error).message || (error as Error).name };
    }
  }

  close(): void {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
