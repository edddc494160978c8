/**
 * Talking JSON to the server that served the page, for every standin page (served at /shared/).
 * A refusal becomes an ApiError carrying the problem details (RFC 9457) the server answered.
 */

/** A non-2xx answer: its status, the problem's title and detail, and Retry-After when sent. */
export class ApiError extends Error {
  constructor(status, { title, detail } = {}, retryAfter = null) {
    super([title, detail].filter(Boolean).join(': ') || (status ? `HTTP ${status}` : 'no answer'));
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** From an answer's status and body text: problem+json when it is that, else the text itself. */
  static fromAnswer(status, bodyText, retryAfter = null) {
    return new ApiError(status, problemOf(bodyText), retryAfter);
  }
}

function problemOf(bodyText) {
  try {
    const body = JSON.parse(bodyText);
    if (body && typeof body === 'object') return { title: stringOrUndefined(body.title), detail: stringOrUndefined(body.detail) };
  } catch {
    // not JSON: a proxy's or a crashed server's answer, shown as it came
  }
  return { detail: bodyText.trim().slice(0, 300) || undefined };
}

function stringOrUndefined(value) {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * One request: `body` (any JSON value) is sent as JSON; the answer's JSON is returned (null for
 * an empty answer such as 204). Never cached: these pages show live state.
 */
export async function requestJson(url, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw ApiError.fromAnswer(response.status, text, response.headers.get('retry-after'));
  return text === '' ? null : JSON.parse(text);
}
