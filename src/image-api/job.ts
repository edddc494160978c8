import type { ImageFormat } from './image-format';

/** A job's life: pending -> processing -> (retrying -> processing)* -> completed | failed. */
export type JobStatus = 'pending' | 'processing' | 'retrying' | 'completed' | 'failed';

export const UNFINISHED_STATUSES: readonly JobStatus[] = ['pending', 'processing', 'retrying'];

/** One rendering of the image, as stored in S3. */
export interface StoredVariant {
  name: 'thumbnail' | 'medium' | 'large';
  format: 'webp' | 'jpeg';
  width: number;
  height: number;
  sizeBytes: number;
  key: string;
}

/** What processing produced: the original's properties and where every object lives. */
export interface StoredImage {
  width: number;
  height: number;
  format: ImageFormat;
  sizeBytes: number;
  dominantColor: string;
  originalKey: string;
  variants: StoredVariant[];
  processedAt: string;
}

export interface JobRecord {
  jobId: string;
  imageId: string;
  ownerId: string;
  clientId: string;
  bucket: string;
  format: ImageFormat;
  sizeBytes: number;
  fileName: string | null;
  metadata: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  error: string | null;
  result: StoredImage | null;
  /** When the upload arrived and took its rate-limit slot, before its body was received. */
  requestedAt: string;
  createdAt: string;
  updatedAt: string;
}

export type NewJob = Pick<JobRecord, 'jobId' | 'imageId' | 'ownerId' | 'clientId' | 'bucket' | 'format' | 'sizeBytes' | 'fileName' | 'metadata' | 'requestedAt'>;
