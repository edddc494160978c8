/**
 * What a crash test sent to S3 and what S3 acknowledged, so that after a kill -9 and a restart
 * the test can tell which bodies may be stored under a key. Bodies are a function of a label
 * (an AES-CTR key stream), so they are regenerated for checking instead of being kept in memory.
 */
import { createCipheriv, createHash } from 'node:crypto';

/** One body as S3 should store it: its digest, its size and the ETag S3 gives it (quoted). */
export interface SentBody {
  sha256: string;
  size: number;
  etag: string;
}

/**
 * The writes of one key (or one part number of one upload), issued one after the other: the last
 * acknowledged body, and the body of a write the crash cut short, which may or may not have landed.
 */
export class Writes {
  acknowledged?: SentBody;
  inFlight?: SentBody;

  send(body: SentBody): void {
    this.inFlight = body;
  }

  acknowledge(): void {
    this.acknowledged = this.inFlight;
    this.inFlight = undefined;
  }

  /** The bodies S3 may hold after the crash: the acknowledged one, or the one in flight, whole. */
  get possible(): SentBody[] {
    return [this.acknowledged, this.inFlight].filter((body): body is SentBody => body !== undefined);
  }
}

export interface UploadRecord {
  key: string;
  uploadId: string;
  parts: Map<number, Writes>;
  /** Whether CompleteMultipartUpload was never sent, sent without an answer, or acknowledged. */
  complete: 'never' | 'sent' | 'acknowledged';
}

export class WriteLedger {
  readonly objects = new Map<string, Writes>();
  readonly uploads = new Map<string, UploadRecord>();
  /** Keys whose CreateMultipartUpload got no answer: S3 may list an upload for them that the test never learnt of. */
  readonly unansweredCreates = new Set<string>();
  acknowledgedPuts = 0;
  acknowledgedCompletes = 0;
  /** Uploads whose every part was acknowledged and that the test left in progress on purpose. */
  abandonedUploads = 0;

  writesOf(key: string): Writes {
    let writes = this.objects.get(key);
    if (!writes) this.objects.set(key, (writes = new Writes()));
    return writes;
  }

  /** Writes started and not answered: the crash cut them short. */
  get inFlight(): number {
    const parts = [...this.uploads.values()].flatMap((upload) => [...upload.parts.values()]);
    return [...this.objects.values(), ...parts].filter((writes) => writes.inFlight).length + this.unansweredCreates.size;
  }
}

/** The bytes labelled `label`: the same label and size always give the same bytes. */
export function bodyOf(label: string, size: number): Buffer {
  const key = createHash('sha256').update(label).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A PutObject body as S3 stores it: ETag is the MD5 of the body. */
export function describeBody(body: Buffer): SentBody {
  return { sha256: sha256Of(body), size: body.length, etag: `"${createHash('md5').update(body).digest('hex')}"` };
}

/** A completed multipart object: the parts' bytes in order; ETag is the MD5 of the part MD5s, '-', the part count. */
export function describeParts(parts: Buffer[]): SentBody {
  const sha256 = createHash('sha256');
  const md5s = createHash('md5');
  for (const part of parts) {
    sha256.update(part);
    md5s.update(createHash('md5').update(part).digest());
  }
  const size = parts.reduce((total, part) => total + part.length, 0);
  return { sha256: sha256.digest('hex'), size, etag: `"${md5s.digest('hex')}-${parts.length}"` };
}
