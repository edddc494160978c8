import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ActivityLog } from './activity-log';
import { ImageApiUnreachableError, InvalidFormError } from './errors';
import type { SignedInUser } from './sign-in';
import type { UpstreamReply } from './image-api-client';
import { readUploadForm } from './upload-form-reader';
import type { UploadSpool } from './upload-spool';
import type { SentUpload, UploadSender } from './upload-sender';

/** Logs how the image API answered an upload; shared by the upload form and the stress test. */
export function logUploadAnswer(activity: ActivityLog, reply: UpstreamReply, data: Record<string, unknown>): void {
  if (reply.status >= 200 && reply.status < 300) {
    activity.record('upload.accepted', `upload accepted: job ${String(data.job_id)}`, data);
  } else if (reply.status === 429) {
    const retryAfter = reply.headers['retry-after'];
    activity.record('upload.rate_limited', `upload rate-limited, retry after ${retryAfter ?? '?'} s`, { ...data, retry_after: retryAfter ?? null }, 'warn');
  } else {
    activity.record('upload.rejected', `upload refused with ${reply.status}`, { ...data, http_status: reply.status, problem: reply.body }, 'warn');
  }
}

/**
 * POST /api/upload: reads the caller's form and streams it on to the image API as the
 * form's user, so the file is never held in memory (docs/ARCHITECTURE.md, "Client app").
 * A user signed in with the auth provider uploads with the provider's access token; anyone
 * else with an HS256 token the app issues.
 */
export class UploadRelay {
  constructor(private readonly deps: { sender: UploadSender; activity: ActivityLog; spool: UploadSpool }) {}

  async relay(body: Readable, headers: IncomingHttpHeaders, signedIn?: SignedInUser): Promise<SentUpload> {
    const received = await readUploadForm(body, headers, this.deps.spool);
    const { activity } = this.deps;
    const about = { user_id: received.userId, filename: received.file.filename };
    try {
      if (signedIn && signedIn.userId !== received.userId) {
        throw new InvalidFormError(`signed in with the auth provider as ${signedIn.userId}: user_id must be ${signedIn.userId} (or sign out)`, 'user_id');
      }
      if (!signedIn) activity.record('token.generated', `token issued for ${received.userId} to upload ${received.file.filename}`, { user_id: received.userId });
      activity.record('upload.sent', `uploading ${received.file.filename} for ${received.userId}${signedIn ? ' with the auth provider\'s token' : ''}`, { ...about, bucket: received.fields.bucket ?? null });
      const sent = await this.deps.sender.send({
        userId: received.userId,
        accessToken: signedIn?.accessToken,
        source: 'upload',
        fields: received.fields,
        file: received.file,
        fieldsAfterFile: received.fieldsAfterFile,
        bytesSent: received.bytesRead,
      });
      logUploadAnswer(activity, sent.reply, { ...about, job_id: sent.entry.job_id, bytes: sent.entry.bytes });
      return sent;
    } catch (error) {
      if (error instanceof ImageApiUnreachableError) activity.record('image_api.unreachable', error.message, { url: error.url }, 'error');
      throw error;
    } finally {
      await received.finish();
    }
  }
}
