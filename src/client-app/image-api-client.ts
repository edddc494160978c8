import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImageApiUnreachableError } from './errors';
import type { MultipartBody } from './multipart-body';

/** An answer from the image API, kept as it came so the client app can pass it through. */
export interface UpstreamReply {
  status: number;
  /** The headers a caller must see unchanged: content type, Retry-After, X-RateLimit-*. */
  headers: Record<string, string>;
  /** The answer's JSON, parsed. */
  body: unknown;
}

export interface DependencyHealth {
  status: 'ok' | 'down';
  url: string;
  detail?: string;
}

/**
 * A 429 carries Retry-After and X-RateLimit-*, a 401 its challenge (docs/ARCHITECTURE.md,
 * "Image API"); callers of the client app see them too.
 */
const PASSED_THROUGH_HEADERS = ['content-type', 'www-authenticate', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
/** Answers are JSON documents (jobs, results, problems); anything bigger is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;

function pickHeaders(get: (name: string) => string | string[] | null | undefined): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of PASSED_THROUGH_HEADERS) {
    const value = get(name);
    if (value !== null && value !== undefined) picked[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return picked;
}

/**
 * application/json, or a JSON-based type such as application/problem+json (RFC 6839 §3.1); a
 * type that only mentions json elsewhere (text/html; x=json) is none.
 */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The image API answers JSON: jobs, results, problems. An answer of another kind (S3's XML, a
 * proxy's HTML error page) comes from something else at IMAGE_API_URL, and passing it on would
 * serve that from this app, under its type (an HTML page running as this app's origin), so it is
 * refused as no answer of the image API's.
 */
function imageApiReply(baseUrl: string, status: number, headers: Record<string, string>, text: string): UpstreamReply {
  const contentType = headers['content-type'];
  if (contentType !== undefined && JSON_MEDIA_TYPE.test(contentType)) {
    try {
      return { status, headers, body: JSON.parse(text) };
    } catch {
      // named below with the other answers that are no JSON
    }
  }
  throw new ImageApiUnreachableError(baseUrl, `it answered ${status} with ${contentType ?? 'no Content-Type'} that is no JSON answer of the image API (is IMAGE_API_URL the image API?)`);
}

async function readAnswer(response: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > MAX_ANSWER_BYTES) throw new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The image API over HTTP (openapi/image-api.yaml); the client app never imports its code. */
export class ImageApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /**
   * POST /api/v1/images/upload with the form streamed as it is produced. The image API may
   * answer before the body is complete (401, 413, 415, 429): that answer is returned at once
   * and the rest of the body is not sent.
   */
  upload(token: string, form: MultipartBody): Promise<UpstreamReply> {
    const url = new URL(`${this.baseUrl}/api/v1/images/upload`);
    return new Promise((resolve, reject) => {
      let answered = false;
      form.stream.once('error', (error) => { if (!answered) reject(error); });
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType, accept: 'application/json' },
        timeout: this.timeoutMs,
      });
      request.once('timeout', () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      request.once('error', (error) => { if (!answered) reject(new ImageApiUnreachableError(this.baseUrl, error.message)); });
      request.once('response', (response) => {
        answered = true;
        readAnswer(response).then((text) => {
          try {
            resolve(imageApiReply(this.baseUrl, response.statusCode ?? 502, pickHeaders((name) => response.headers[name]), text));
          } catch (error) {
            reject(error);
          }
          if (!request.writableFinished) request.destroy();
        }, (error: Error) => reject(new ImageApiUnreachableError(this.baseUrl, error.message)));
      });
      pipeline(form.stream, request).catch(() => undefined); // reported by the listeners above
    });
  }

  /** GET /api/v1/images/jobs/{job_id} as the job's owner. */
  getJob(jobId: string, token: string): Promise<UpstreamReply> {
    return this.get(`/api/v1/images/jobs/${encodeURIComponent(jobId)}`, token);
  }

  /** GET /api/v1/images/jobs/{job_id}/result as the job's owner. */
  getResult(jobId: string, token: string): Promise<UpstreamReply> {
    return this.get(`/api/v1/images/jobs/${encodeURIComponent(jobId)}/result`, token);
  }

  /** Whether the image API answers its /health, for the client app's own /health. */
  async health(): Promise<DependencyHealth> {
    const url = `${this.baseUrl}/health`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return response.ok ? { status: 'ok', url } : { status: 'down', url, detail: `answered ${response.status}` };
    } catch (error) {
      return { status: 'down', url, detail: (error as Error).message };
    }
  }

  private async get(path: string, token: string): Promise<UpstreamReply> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: Error }).cause;
      throw new ImageApiUnreachableError(this.baseUrl, cause?.message ?? (error as Error).message);
    }
    return imageApiReply(this.baseUrl, response.status, pickHeaders((name) => response.headers.get(name)), text);
  }
}
