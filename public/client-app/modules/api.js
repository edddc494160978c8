/** The client app's own JSON API, as the page uses it. */
import { ApiError, requestJson } from '/shared/api.js';

export const api = {
  generateToken: (userId) => requestJson(`/api/generate-token?user_id=${encodeURIComponent(userId)}`),
  jobStatus: (jobId) => requestJson(`/api/status/${encodeURIComponent(jobId)}`),
  jobResult: (jobId) => requestJson(`/api/result/${encodeURIComponent(jobId)}`),
  history: ({ limit, offset }) => requestJson(`/api/history?limit=${limit}&offset=${offset}`),
  health: () => requestJson('/health'),
  signInState: () => requestJson('/api/auth/session'),
  signOut: () => requestJson('/api/auth/logout', { method: 'POST' }),
  stressTest: ({ userId, count, concurrency }) =>
    requestJson('/api/stress-test', { method: 'POST', body: { user_id: userId, count, concurrency } }),
};

/**
 * POST /api/upload with XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the accepted upload; rejects with an ApiError (status 0 when no answer came).
 */
export function uploadWithProgress(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText));
      else reject(ApiError.fromAnswer(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'the client app did not answer' })));
    xhr.send(form);
  });
}
