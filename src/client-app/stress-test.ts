import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ActivityLog } from './activity-log';
import { StressTestsBusyError } from './errors';
import type { UpstreamReply } from './image-api-client';
import type { StressTestRequest } from './stress-test-request';
import type { UploadSender } from './upload-sender';

export interface StressTestReport {
  run_id: string;
  user_id: string;
  total: number;
  accepted: number;
  rate_limited: number;
  errors: number;
  /** Seconds the image API asked to wait (the largest Retry-After seen), or null if never limited. */
  retry_after: number | null;
  duration_ms: number;
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); report seconds either way. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()): number | null {
  if (header === undefined) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

function isAccepted(reply: UpstreamReply | null): boolean {
  return reply !== null && reply.status >= 200 && reply.status < 300;
}

/**
 * POST /api/stress-test: uploads a small real JPEG `count` times, `concurrency` at a time, as
 * one user, and counts how the image API answered. Progress goes to the activity log, so the
 * page's counters move while the run is under way. An upload the image API does not answer
 * (refused, cut off, or silent for the client's timeout) stops the run: the uploads not yet sent
 * count as errors, so a run against an image API that has stopped answering ends after one
 * timeout rather than after `count` of them. A run whose caller has gone (`callerGone`: a closed
 * page, a stopped curl) sends no more uploads either: no one would see what they show. At most
 * `maxRuns` run at once; another is refused with StressTestsBusyError before it sends anything,
 * so the load the app makes is bounded however often it is asked.
 */
export class StressTester {
  private image: Promise<Buffer> | undefined;
  private running = 0;

  constructor(private readonly deps: { sender: UploadSender; activity: ActivityLog; sampleImage: () => Promise<Buffer>; maxRuns: number }) {}

  async run(request: StressTestRequest, callerGone?: AbortSignal): Promise<StressTestReport> {
    if (this.running >= this.deps.maxRuns) throw new StressTestsBusyError(this.deps.maxRuns);
    this.running += 1;
    try {
      return await this.runUploads(request, callerGone);
    } finally {
      this.running -= 1;
    }
  }

  private async runUploads(request: StressTestRequest, callerGone?: AbortSignal): Promise<StressTestReport> {
    this.image ??= this.deps.sampleImage();
    const image = await this.image;
    const started = Date.now();
    const report: StressTestReport = {
      run_id: randomUUID(), user_id: request.userId, total: request.count, accepted: 0, rate_limited: 0, errors: 0, retry_after: null, duration_ms: 0,
    };
    this.deps.activity.record('stress.started', `stress test: ${request.count} uploads as ${request.userId}, ${request.concurrency} at a time`, {
      run_id: report.run_id, user_id: request.userId, total: request.count, concurrency: request.concurrency,
    });
    let next = 0;
    let done = 0;
    let unanswered: Error | undefined;
    const worker = async () => {
      while (next < request.count && unanswered === undefined && !callerGone?.aborted) {
        const index = next++;
        const answer = await this.uploadOnce(request, image, report.run_id, index);
        if (answer instanceof Error) unanswered ??= answer;
        const reply = answer instanceof Error ? null : answer;
        this.count(report, reply);
        done += 1;
        const outcome = reply ? `HTTP ${reply.status}` : `failed: ${(answer as Error).message}`;
        const progress = { ...report, done, duration_ms: Date.now() - started, http_status: reply?.status ?? null };
        this.deps.activity.record('stress.progress', `stress test ${done}/${request.count}: ${outcome}`, progress, isAccepted(reply) ? 'info' : 'warn');
      }
    };
    await Promise.all(Array.from({ length: Math.min(request.concurrency, request.count) }, worker));
    const unsent = request.count - done;
    report.errors += unsent;
    report.duration_ms = Date.now() - started;
    const stopped = unsent === 0 ? ''
      : unanswered ? `; stopped, ${unsent} uploads not sent, as the image API did not answer (${unanswered.message})`
        : `; stopped, ${unsent} uploads not sent, as its caller went away`;
    this.deps.activity.record(
      'stress.finished',
      `stress test done: ${report.accepted} accepted, ${report.rate_limited} rate-limited, ${report.errors} errors in ${report.duration_ms} ms${stopped}`,
      { ...report, not_sent: unsent },
      stopped ? 'warn' : 'info',
    );
    return report;
  }

  private count(report: StressTestReport, reply: UpstreamReply | null): void {
    if (isAccepted(reply)) {
      report.accepted += 1;
    } else if (reply?.status === 429) {
      report.rate_limited += 1;
      const seconds = retryAfterSeconds(reply.headers['retry-after']);
      if (seconds !== null) report.retry_after = Math.max(report.retry_after ?? 0, seconds);
    } else {
      report.errors += 1;
    }
  }

  /** One upload; an unreachable image API is an error of the run, which ends it, rather than a failed request. */
  private async uploadOnce(request: StressTestRequest, image: Buffer, runId: string, index: number): Promise<UpstreamReply | Error> {
    try {
      const { reply } = await this.deps.sender.send({
        userId: request.userId,
        source: 'stress-test',
        fields: { ...(request.bucket ? { bucket: request.bucket } : {}), context: `stress-test ${runId} #${index + 1}` },
        file: { filename: `stress-${index + 1}.jpg`, mimeType: 'image/jpeg', content: Readable.from([image]) },
        fieldsAfterFile: Promise.resolve({}),
        bytesSent: () => image.length,
      });
      return reply;
    } catch (error) {
      return error as Error;
    }
  }
}
