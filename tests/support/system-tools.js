/**
 * The system programs some suites drive (real S3 clients, a real browser). They come from
 * Debian, not npm, so a fresh machine may lack them: outside CI the suites that need a missing
 * one are left out and named in one summary line; with CI=true a missing one stops the run, since
 * a compatibility claim nobody checked must show up red there. `npm run setup:system` installs
 * them all. Plain CommonJS: jest.config.js reads it before any transform exists.
 */
const { spawnSync } = require('node:child_process');

const SETUP_COMMAND = 'npm run setup:system';

const TOOLS = {
  chromium: { label: 'Chromium', probe: ['chromium', ['--version']], suites: ['/tests/e2e/'] },
  aws: { label: 'aws CLI', probe: ['aws', ['--version']], suites: ['/tests/integration/s3/aws-cli\\.test\\.ts$'] },
  boto3: { label: 'boto3', probe: ['python3', ['-c', 'import boto3']], suites: ['/tests/integration/s3/boto3-[^/]*\\.test\\.ts$'] },
  rclone: { label: 'rclone', probe: ['rclone', ['--version']], suites: ['/tests/integration/s3-clients/rclone\\.test\\.ts$'] },
  s3cmd: { label: 's3cmd', probe: ['s3cmd', ['--version']], suites: ['/tests/integration/s3-clients/s3cmd\\.test\\.ts$'] },
  // --aws-sigv4 (curl 7.75 and later) is probed itself: an older curl fails on the unknown option.
  curl: {
    label: 'curl',
    probe: ['curl', ['--aws-sigv4', 'aws:amz:us-east-1:s3', '--user', 'k:s', '--version']],
    suites: ['/tests/integration/s3-clients/curl-sigv4\\.test\\.ts$', '/tests/integration/s3/seed-readme-curl\\.test\\.ts$'],
  },
};

function isInstalled(tool) {
  const [command, args] = TOOLS[tool].probe;
  const probe = spawnSync(command, args, { stdio: 'ignore', timeout: 30000 });
  return !probe.error && probe.status === 0;
}

/** Checked once per jest run (the config is loaded once); the answer travels in the environment. */
function missingTools() {
  if (process.env.STANDIN_MISSING_TOOLS === undefined) {
    process.env.STANDIN_MISSING_TOOLS = Object.keys(TOOLS).filter((tool) => !isInstalled(tool)).join(',');
  }
  return process.env.STANDIN_MISSING_TOOLS.split(',').filter(Boolean);
}

function runsInCi() {
  return /^(1|true)$/i.test(process.env.CI ?? '');
}

/** testPathIgnorePatterns for the suites whose tool is missing; throws under CI=true instead. */
function suitesToLeaveOut() {
  const missing = missingTools();
  if (missing.length > 0 && runsInCi()) {
    throw new Error(`CI=true and these system tools are missing: ${missing.map((t) => TOOLS[t].label).join(', ')}. Install them with: ${SETUP_COMMAND}`);
  }
  return missing.flatMap((tool) => TOOLS[tool].suites);
}

/** The summary line, printed after jest's own (globalTeardown). */
function reportMissingTools() {
  const missing = missingTools();
  if (missing.length === 0) return;
  console.log(`\nSkipped the suites that need ${missing.map((t) => TOOLS[t].label).join(', ')} (not installed here). Install them with: ${SETUP_COMMAND}\n`);
}

module.exports = { suitesToLeaveOut, reportMissingTools };
