// Servers the contract runner starts set up wrong on purpose (scripts/contract-test.ts), for
// answers a correct setup never gives; their URLs come in environment variables.
const { check } = require('./hook-steps');

function misconfiguredServer(variable) {
  check(process.env[variable], `${variable} is not set: run the contract through npm run test:contract`);
  return process.env[variable];
}

module.exports = { misconfiguredServer };
