/** The client app's own JSON API, as the page uses it. */

/** A non-2xx answer, with its problem+json body (RFC 9457) when there is one. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function problemText(status, problem) {
  if (problem && typeof problem === 'object') return [problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${status}`;
  return typeof problem === 'string' && problem ? problem : `HTTP ${status}`;
}

function parseBody(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request(path, init) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, ...init });
  const body = parseBody(await response.text());
  if (!response.ok) throw new ApiError(response.status, body, response.headers.get('retry-after'));
  return body;
}

export const api = {
  generateToken: (userId) => request(`/api/generate-token?user_id=${encodeURIComponent(userId)}`),
  jobStatus: (jobId) => request(`/api/status/${encodeURIComponent(jobId)}`),
  jobResult: (jobId) => request(`/api/result/${encodeURIComponent(jobId)}`),
  history: ({ limit, offset }) => request(`/api/history?limit=${limit}&offset=${offset}`),
  health: () => request('/health'),
  stressTest: ({ userId, count, concurrency }) =>
    request('/api/stress-test', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: userId, count, concurrency }),
    }),
};

/**
 * POST /api/upload with XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the answer (accepted or not); rejects only when no answer came.
 */
export function uploadWithProgress(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body, xhr.getResponseHeader('retry-after')));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'the client app did not answer', null)));
    xhr.send(form);
  });
}
