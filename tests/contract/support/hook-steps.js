// Dredd runs a two-argument hook as (transaction, done) and ignores what it returns or throws:
// `step` runs an async function there and turns its failure into a failed transaction.
function step(run) {
  return (transaction, done) => {
    Promise.resolve()
      .then(() => run(transaction))
      .catch((error) => {
        transaction.fail = `hook: ${error.message}`;
      })
      .finally(() => done());
  };
}

/** Throws (failing the transaction through `step`) unless `condition` holds. */
function check(condition, message) {
  if (!condition) throw new Error(message);
}

module.exports = { step, check };
