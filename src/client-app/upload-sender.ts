import type { Readable } from 'node:stream';
import type { FormFields } from './form-parser';
import type { HistoryEntry, HistoryStore, UploadSource } from './history-store';
import type { ImageApiClient, UpstreamReply } from './image-api-client';
import { multipartBody, type FormField } from './multipart-body';
import type { TokenIssuer } from './token-issuer';
import { checkedBucket, checkedContext } from './upload-fields';

export interface OutgoingUpload {
  userId: string;
  /** The bearer token to upload with; by default the app issues one for `userId`. */
  accessToken?: string;
  source: UploadSource;
  /** The client app's own form fields (bucket, context) known before the file. */
  fields: FormFields;
  file: { filename: string; mimeType: string; content: Readable };
  /** Form fields that arrive after the file. */
  fieldsAfterFile: Promise<FormFields>;
  /** Bytes of the file sent, once the upload is over. */
  bytesSent(): number;
}

export interface SentUpload {
  reply: UpstreamReply;
  entry: HistoryEntry;
}

interface AcceptedUpload {
  job_id?: string;
  image_id?: string;
  status?: string;
}

/**
 * The image API's form (docs/ARCHITECTURE.md, "Image API"): `file`, `bucket`, and `metadata`
 * as a JSON string. The client app's `context` field travels inside metadata. A bad value is
 * refused here: for fields that follow the file, that cuts the upload off on its way to the
 * image API.
 */
function imageApiFields(fields: FormFields): FormField[] {
  const mapped: FormField[] = [];
  if (fields.bucket) mapped.push({ name: 'bucket', value: checkedBucket(fields.bucket) });
  if (fields.context !== undefined) mapped.push({ name: 'metadata', value: JSON.stringify({ context: checkedContext(fields.context) }) });
  return mapped;
}

/** A short reason for the history, from a problem+json answer or a text one. */
function rejectionReason(reply: UpstreamReply): string {
  const problem = reply.body as { title?: unknown; detail?: unknown } | null;
  if (problem && typeof problem === 'object') {
    return [problem.title, problem.detail].filter((part) => typeof part === 'string').join(': ') || `HTTP ${reply.status}`;
  }
  return String(reply.body).slice(0, 200) || `HTTP ${reply.status}`;
}

/** Sends one upload to the image API (with the given token, or a freshly issued one) and records it in the history. */
export class UploadSender {
  constructor(private readonly deps: { tokens: TokenIssuer; imageApi: ImageApiClient; history: HistoryStore }) {}

  async send(upload: OutgoingUpload): Promise<SentUpload> {
    const token = upload.accessToken ?? this.deps.tokens.issue(upload.userId).token;
    const form = multipartBody(
      imageApiFields(upload.fields),
      { name: 'file', filename: upload.file.filename || 'upload', contentType: upload.file.mimeType || 'application/octet-stream', content: upload.file.content },
      upload.fieldsAfterFile.then(imageApiFields),
    );
    const reply = await this.deps.imageApi.upload(token, form);
    const accepted = reply.status >= 200 && reply.status < 300;
    // after an early refusal the rest of the form is never read, so only an accepted upload waits for it
    const fields = accepted ? { ...upload.fields, ...(await upload.fieldsAfterFile) } : upload.fields;
    const answer = (accepted && reply.body && typeof reply.body === 'object' ? reply.body : {}) as AcceptedUpload;
    const entry = this.deps.history.record({
      job_id: answer.job_id ?? null,
      image_id: answer.image_id ?? null,
      user_id: upload.userId,
      filename: upload.file.filename || null,
      bytes: upload.bytesSent(),
      bucket: fields.bucket ?? null,
      context: fields.context ?? null,
      source: upload.source,
      http_status: reply.status,
      status: accepted ? (answer.status ?? 'pending') : 'rejected',
      error: accepted ? null : rejectionReason(reply),
    });
    return { reply, entry };
  }
}
