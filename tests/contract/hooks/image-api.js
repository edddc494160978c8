// Hooks for openapi/image-api.yaml: real bearer JWTs, real multipart uploads (a JPEG made with
// sharp), and job URLs with the job_id of an upload that the worker has really processed.
const hooks = require('hooks');
const { step, check } = require('../support/hook-steps');
const { serverClient } = require('../support/server-client');
const { imageApi: settings } = require('../support/server-settings');
const { bearerToken, issuerToken } = require('../support/tokens');
const { misconfiguredServer } = require('../support/misconfigured-servers');
const { multipartBody } = require('../support/multipart');
const { smallJpeg, undecodableJpeg } = require('../support/image-files');
const { waitForJob } = require('../support/job-polling');
const { checkRateLimitHeaders } = require('../support/rate-limit-headers');
const { sendTo, setBody, setHeader, setPathValue, setQuery } = require('../support/transaction-edits');
const { operation } = require('../support/transaction-names');
const { hookSharedUploadAnswers } = require('../support/upload-transactions');

const api = serverClient(hooks.configuration.endpoint);
const USER = 'contract-user';
const EXAMPLE_JOB_ID = '6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77';
const UNKNOWN_JOB_ID = '00000000-0000-4000-8000-000000000000';

/** The upload form of the spec's example, with `file` as given. */
function uploadForm(file, { metadata = '{"context":"demo","album":"holidays"}' } = {}) {
  return multipartBody([
    { name: 'bucket', value: 'test-uploads' },
    { name: 'metadata', value: metadata },
    { name: 'file', filename: 'image.jpg', contentType: 'image/jpeg', data: file },
  ]);
}

function sendForm(transaction, form, userId = USER) {
  setBody(transaction, form.body, form.contentType);
  setHeader(transaction, 'Authorization', bearerToken(userId));
}

/** Uploads outside Dredd (to set up state) and answers the job id. */
async function upload(file, userId = USER) {
  const form = uploadForm(file);
  const answer = await api.request('POST', '/api/v1/images/upload', {
    headers: { authorization: bearerToken(userId), 'content-type': form.contentType },
    body: form.body,
    expect: 202,
  });
  return answer.json().job_id;
}

/** Polls the job as its owner until it ended as `outcome`; answers its id. */
async function jobThatEnded(jobId, outcome) {
  const readStatus = async () => (await api.request('GET', `/api/v1/images/jobs/${jobId}`, { headers: { authorization: bearerToken(USER) }, expect: 200 })).json().status;
  await waitForJob(readStatus, outcome);
  return jobId;
}

const API_HEALTH = operation('/api/v1/health > Liveness under the API prefix');
const UPLOAD = operation('/api/v1/images/upload > Upload an image for processing');
const JOB = operation('/api/v1/images/jobs/{job_id} > The state of a processing job');
const RESULT = operation('/api/v1/images/jobs/{job_id}/result > What processing produced');
const DASHBOARD = operation('/api/v1/dashboard > What the stand-in is doing, for its operator');

hooks.afterEach(
  step((transaction) => {
    if (transaction.real && transaction.origin.resourceName === '/api/v1/images/upload') checkRateLimitHeaders(transaction);
  }),
);

// The accepted upload's job is the one the job and result transactions read.
const BUSY_USER = 'contract-busy-api-user';
const acceptedJobId = hookSharedUploadAnswers(hooks, UPLOAD, {
  sendUpload: (transaction, file, userId) => sendForm(transaction, uploadForm(file), userId),
  upload,
  limits: settings,
  busyUser: BUSY_USER,
});
hooks.before(
  UPLOAD(400),
  step(async (transaction) => sendForm(transaction, uploadForm(await smallJpeg(), { metadata: 'not a JSON object' }))),
);
hooks.before(
  UPLOAD(401),
  step(async (transaction) => {
    sendForm(transaction, uploadForm(await smallJpeg()));
    setHeader(transaction, 'Authorization', bearerToken(USER, { secret: 'not-the-jwt-secret' }));
  }),
);
// A token of an issuer that cannot be reached, sent to an image API that trusts it (started by
// the runner for this).
const withUnreachableIssuerToken = (transaction) => {
  sendTo(transaction, misconfiguredServer('CONTRACT_IMAGE_API_NO_ISSUER_URL'));
  setHeader(transaction, 'Authorization', issuerToken(USER, misconfiguredServer('CONTRACT_UNREACHABLE_ISSUER')));
};
hooks.before(
  UPLOAD(503),
  step(async (transaction) => {
    sendForm(transaction, uploadForm(await smallJpeg()));
    withUnreachableIssuerToken(transaction);
  }),
);

/** Points a job URL at `jobId` (a function, as the id may only exist once earlier hooks ran). */
const forJob = (jobId, userId = USER) =>
  step(async (transaction) => {
    setPathValue(transaction, EXAMPLE_JOB_ID, await jobId());
    setHeader(transaction, 'Authorization', bearerToken(userId));
  });
const completedJob = async () => jobThatEnded(acceptedJobId(), 'completed');
const notAUuid = async () => 'not-a-uuid';
const unknownJob = async () => UNKNOWN_JOB_ID;
const withoutToken = (transaction) => delete transaction.request.headers.Authorization;

hooks.before(JOB(200), forJob(completedJob));
hooks.before(JOB(400), forJob(notAUuid));
hooks.before(JOB(401), withoutToken);
// Only the owner sees a job: another user asking for a real one gets 404.
hooks.before(JOB(404), forJob(completedJob, 'someone-else'));
hooks.before(JOB(503), step(withUnreachableIssuerToken));

hooks.before(RESULT(200), forJob(completedJob));
hooks.before(RESULT(400), forJob(notAUuid));
hooks.before(RESULT(401), withoutToken);
hooks.before(RESULT(404), forJob(unknownJob));
// A job whose image cannot be decoded fails: it has no result.
hooks.before(RESULT(409), forJob(async () => jobThatEnded(await upload(undecodableJpeg()), 'failed')));
hooks.before(RESULT(503), step(withUnreachableIssuerToken));

// The health report takes no parameters; an undeclared one is refused like any invalid request.
hooks.before(API_HEALTH(400), (transaction) => setQuery(transaction, { undeclared: '1' }));

// The operator dashboard needs no token. By now the upload transactions have left a completed
// job and a user who used every upload of the hour: the dashboard must show both.
hooks.before(DASHBOARD(200), step(async () => { await completedJob(); }));
hooks.after(
  DASHBOARD(200),
  step((transaction) => {
    const view = JSON.parse(transaction.real.body);
    check(view.job_counts.completed >= 1, 'the dashboard counts no completed job');
    const busy = view.rate_limits.find((entry) => entry.user === BUSY_USER);
    check(busy && busy.used === busy.limit, `the dashboard does not show ${BUSY_USER} at the rate limit`);
  }),
);
hooks.before(DASHBOARD(400), (transaction) => setQuery(transaction, { limit: 0 }));
