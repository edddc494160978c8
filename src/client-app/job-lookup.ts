import type { ActivityLog } from './activity-log';
import { ImageApiUnreachableError, UnknownJobError } from './errors';
import type { HistoryStore } from './history-store';
import type { ImageApiClient, UpstreamReply } from './image-api-client';
import type { TokenIssuer } from './token-issuer';

interface JobAnswer {
  status?: unknown;
  error?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The image API issues job ids as lower-case UUIDs, and a UUID's hex digits are case-insensitive
 * on input (RFC 9562 §4): one written in capitals (Swift's UUID.uuidString) is the same job, as
 * the image API itself agrees. Any other id is kept as it is.
 */
function canonicalJobId(jobId: string): string {
  return UUID.test(jobId) ? jobId.toLowerCase() : jobId;
}

/**
 * GET /api/status/{job_id} and /api/result/{job_id}: the image API shows a job only to its
 * owner, so the app finds the owner in its history and asks with that user's token.
 */
export class JobLookup {
  constructor(private readonly deps: { tokens: TokenIssuer; imageApi: ImageApiClient; history: HistoryStore; activity: ActivityLog }) {}

  async status(given: string): Promise<UpstreamReply> {
    const jobId = canonicalJobId(given);
    const reply = await this.ask(jobId, (token) => this.deps.imageApi.getJob(jobId, token));
    const job = (reply.body ?? {}) as JobAnswer;
    if (reply.status === 200 && typeof job.status === 'string') {
      this.deps.history.updateStatus(jobId, job.status, typeof job.error === 'string' ? job.error : null);
      this.deps.activity.record('status.checked', `job ${jobId} is ${job.status}`, { job_id: jobId, status: job.status });
    } else {
      this.deps.activity.record('status.checked', `status of job ${jobId}: HTTP ${reply.status}`, { job_id: jobId, http_status: reply.status }, 'warn');
    }
    return reply;
  }

  async result(given: string): Promise<UpstreamReply> {
    const jobId = canonicalJobId(given);
    const reply = await this.ask(jobId, (token) => this.deps.imageApi.getResult(jobId, token));
    const level = reply.status === 200 ? 'info' : 'warn';
    this.deps.activity.record('result.fetched', `result of job ${jobId}: HTTP ${reply.status}`, { job_id: jobId, http_status: reply.status }, level);
    return reply;
  }

  private async ask(jobId: string, call: (token: string) => Promise<UpstreamReply>): Promise<UpstreamReply> {
    const owner = this.deps.history.ownerOf(jobId);
    if (owner === undefined) throw new UnknownJobError(jobId);
    try {
      return await call(this.deps.tokens.issue(owner).token);
    } catch (error) {
      if (error instanceof ImageApiUnreachableError) this.deps.activity.record('image_api.unreachable', error.message, { url: error.url }, 'error');
      throw error;
    }
  }
}
