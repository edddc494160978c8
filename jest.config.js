/** Tests start real servers on ephemeral ports; see docs/ARCHITECTURE.md, "Tests". */
const { suitesToLeaveOut } = require('./tests/support/system-tools');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Suites that drive a system tool (Chromium, aws CLI, boto3, rclone, s3cmd) need it installed.
  testPathIgnorePatterns: ['/node_modules/', ...suitesToLeaveOut()],
  globalTeardown: '<rootDir>/tests/support/report-missing-tools.js',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // ESM-only packages (openapi-backend's ref parser, the OAuth libraries) are turned into CommonJS by swc.
  transformIgnorePatterns: ['/node_modules/(?!(.*/)?(@apidevtools/json-schema-ref-parser|jose|oauth4webapi|oidc-provider|openid-client)/)'],
  testTimeout: 30000,
};
