// The upload answers the image API's spec and the client app's spec share (the client app relays
// the image API's): 202 for a real JPEG, whose job id later hooks read; 413 for a file over the
// size limit; 415 for a file that is not an image; 429 for a user who has used every upload of
// the hour (with files that fail fast: only the slot matters).
const { step, check } = require('./hook-steps');
const { smallJpeg, undecodableJpeg, oversizedJpeg, textFile } = require('./image-files');

/**
 * Hooks those UPLOAD transactions. `sendUpload(transaction, file, userId?)` makes a transaction
 * upload `file` (as `userId` when given); `upload(file, userId)` uploads outside Dredd; `limits`
 * is the image API's { maxUploadBytes, rateLimitPerHour }. Answers a function giving the
 * accepted upload's job id, which exists only once the 202 transaction ran.
 */
function hookSharedUploadAnswers(hooks, UPLOAD, { sendUpload, upload, limits, busyUser }) {
  let acceptedJobId;
  hooks.before(
    UPLOAD(202),
    step(async (transaction) => sendUpload(transaction, await smallJpeg())),
  );
  hooks.after(
    UPLOAD(202),
    step((transaction) => {
      acceptedJobId = JSON.parse(transaction.real.body).job_id;
    }),
  );
  hooks.before(UPLOAD(413), (transaction) => sendUpload(transaction, oversizedJpeg(limits.maxUploadBytes)));
  hooks.before(UPLOAD(415), (transaction) => sendUpload(transaction, textFile()));
  hooks.before(
    UPLOAD(429),
    step(async (transaction) => {
      await Promise.all(Array.from({ length: limits.rateLimitPerHour }, () => upload(undecodableJpeg(), busyUser)));
      sendUpload(transaction, await smallJpeg(), busyUser);
    }),
  );
  return () => {
    check(acceptedJobId, 'the upload transaction gave no job id');
    return acceptedJobId;
  };
}

module.exports = { hookSharedUploadAnswers };
