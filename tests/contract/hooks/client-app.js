// Hooks for openapi/client-app.yaml: real multipart uploads (a JPEG made with sharp) that the
// app relays to the running image API, and the status/result URLs of the job it started.
const { URLSearchParams } = require('node:url');
const hooks = require('hooks');
const { step, check } = require('../support/hook-steps');
const { serverClient } = require('../support/server-client');
const { imageApi } = require('../support/server-settings');
const { multipartBody } = require('../support/multipart');
const { smallJpeg, undecodableJpeg, oversizedJpeg, textFile } = require('../support/image-files');
const { waitForJob } = require('../support/job-polling');
const { checkRateLimitHeaders } = require('../support/rate-limit-headers');
const { sendTo, setBody, setJsonBody, setPathValue, setQuery } = require('../support/transaction-edits');

const app = serverClient(hooks.configuration.endpoint);
const EXAMPLE_JOB_ID = '0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b';
const USER = 'user-456'; // the example's: the history example lists its uploads

/** The page's upload form (user_id first, as the page sends it), with `file` as given. */
const uploadForm = (file, userId = USER) =>
  multipartBody([
    { name: 'user_id', value: userId },
    { name: 'bucket', value: 'test-uploads' },
    { name: 'context', value: 'demo' },
    { name: 'file', filename: 'image.jpg', contentType: 'image/jpeg', data: file },
  ]);

function sendForm(transaction, form) {
  setBody(transaction, form.body, form.contentType);
}

/** Uploads through the app outside Dredd (to set up state) and answers the job id. */
async function upload(file, userId = USER) {
  const form = uploadForm(file, userId);
  const answer = await app.request('POST', '/api/upload', { headers: { 'content-type': form.contentType }, body: form.body, expect: 202 });
  return answer.json().job_id;
}

/** Polls the app's own status URL until the job ended as `outcome`. */
async function jobThatEnded(jobId, outcome) {
  await waitForJob(async () => (await app.request('GET', `/api/status/${jobId}`, { expect: 200 })).json().status, outcome);
  return jobId;
}

const TOKEN = '/api/generate-token > Generate a bearer token for a user';
const UPLOAD = '/api/upload > Upload an image through to the image API';
const STATUS = '/api/status/{job_id} > The status of a job this app uploaded';
const RESULT = '/api/result/{job_id} > The result of a finished job';
const STRESS = '/api/stress-test > Upload a small image many times as one user';
const HISTORY = '/api/history > The uploads this app sent, newest first';
const PROBLEM = 'application/problem+json';
const name = (operation, outcome) => `${operation} > ${outcome}`;

hooks.before(name(TOKEN, `400 > ${PROBLEM}`), (transaction) => setQuery(transaction, { user_id: 'not a user id!' }));

let acceptedJobId;
hooks.before(
  name(UPLOAD, '202 > application/json'),
  step(async (transaction) => sendForm(transaction, uploadForm(await smallJpeg()))),
);
hooks.after(
  name(UPLOAD, '202 > application/json'),
  step((transaction) => {
    acceptedJobId = JSON.parse(transaction.real.body).job_id;
  }),
);
// The app refuses a form without a file itself, before calling the image API.
hooks.before(name(UPLOAD, `400 > ${PROBLEM}`), (transaction) => sendForm(transaction, multipartBody([{ name: 'user_id', value: USER }])));
// The image API's refusals pass through: 401 from a client app signing with another secret
// (started by the runner for this), 413 and 415 from this one.
hooks.before(
  name(UPLOAD, `401 > ${PROBLEM}`),
  step(async (transaction) => {
    sendTo(transaction, process.env.CONTRACT_CLIENT_WRONG_SECRET_URL);
    sendForm(transaction, uploadForm(await smallJpeg()));
  }),
);
hooks.before(name(UPLOAD, `413 > ${PROBLEM}`), (transaction) => sendForm(transaction, uploadForm(oversizedJpeg(imageApi.maxUploadBytes))));
hooks.before(name(UPLOAD, `415 > ${PROBLEM}`), (transaction) => sendForm(transaction, uploadForm(textFile())));
// A user who has used every upload of the hour (files that fail fast: only the slot matters).
hooks.before(
  name(UPLOAD, `429 > ${PROBLEM}`),
  step(async (transaction) => {
    const busyUser = 'contract-busy-app-user';
    await Promise.all(Array.from({ length: imageApi.rateLimitPerHour }, () => upload(undecodableJpeg(), busyUser)));
    sendForm(transaction, uploadForm(await smallJpeg(), busyUser));
  }),
);

// An image API that does not answer is a 502 (a client app pointed at a closed port).
hooks.before(
  name(UPLOAD, `502 > ${PROBLEM}`),
  step(async (transaction) => {
    sendTo(transaction, process.env.CONTRACT_CLIENT_NO_IMAGE_API_URL);
    sendForm(transaction, uploadForm(await smallJpeg()));
  }),
);
// SKIPPED: a job's status or result is a 502 only when the image API goes away after the upload
// while this app still knows the job, and the image API of this run cannot go away mid-run (a
// client app without one knows no job: 404). The lookup maps an unreachable image API to the
// same 502 problem as the upload, checked above.
const skipNeedsImageApiGone = (transaction) => {
  transaction.skip = true;
};
hooks.before(name(STATUS, `502 > ${PROBLEM}`), skipNeedsImageApiGone);
hooks.before(name(RESULT, `502 > ${PROBLEM}`), skipNeedsImageApiGone);

// The image API's answers to an upload keep its rate-limit headers (the app's own 400 and 502
// are not the image API's answers).
hooks.afterEach(
  step((transaction) => {
    const answeredByImageApi = transaction.real && ![400, 502].includes(transaction.real.statusCode);
    if (answeredByImageApi && transaction.origin.resourceName === '/api/upload') checkRateLimitHeaders(transaction);
  }),
);

/** Points a job URL at `jobId()`, a function: the id exists only once earlier hooks ran. */
const forJob = (jobId) => step(async (transaction) => setPathValue(transaction, EXAMPLE_JOB_ID, await jobId()));
const uploadedJob = async () => {
  check(acceptedJobId, 'the upload transaction gave no job id');
  return acceptedJobId;
};
const unknownJob = async () => 'not-a-job-of-this-app';

hooks.before(name(STATUS, '200 > application/json'), forJob(uploadedJob));
hooks.before(name(STATUS, `404 > ${PROBLEM}`), forJob(unknownJob));
hooks.before(name(RESULT, '200 > application/json'), forJob(async () => jobThatEnded(await uploadedJob(), 'completed')));
hooks.before(name(RESULT, `404 > ${PROBLEM}`), forJob(unknownJob));
// The image API's 409 for a job without a result (its image could not be decoded), passed through.
hooks.before(name(RESULT, `409 > ${PROBLEM}`), forJob(async () => jobThatEnded(await upload(undecodableJpeg()), 'failed')));

// The stress test accepts JSON, multipart and urlencoded forms: Dredd has one transaction of each
// (same name), told apart by Content-Type; the hooks encode the spec's form examples.
const FORM_EXAMPLE = { user_id: 'test-user-123', count: '51' };
function encodeStressForm(transaction, fields) {
  const mediaType = transaction.request.headers['Content-Type'];
  if (mediaType === 'multipart/form-data') {
    sendForm(transaction, multipartBody(Object.entries(fields).map(([field, value]) => ({ name: field, value }))));
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    setBody(transaction, new URLSearchParams(fields).toString(), mediaType);
  } else {
    setJsonBody(transaction, fields);
  }
}
hooks.before(name(STRESS, '200 > application/json'), (transaction) => {
  if (transaction.request.headers['Content-Type'] !== 'application/json') encodeStressForm(transaction, FORM_EXAMPLE);
});
hooks.before(name(STRESS, `400 > ${PROBLEM}`), (transaction) => encodeStressForm(transaction, { count: '51' }));

hooks.before(name(HISTORY, `400 > ${PROBLEM}`), (transaction) => setQuery(transaction, { limit: 0 }));
hooks.after(
  name(HISTORY, '200 > application/json'),
  step((transaction) => check(JSON.parse(transaction.real.body).items.some((item) => item.job_id === acceptedJobId), 'the accepted upload is not in the history')),
);
