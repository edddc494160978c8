/** Tests start real servers on ephemeral ports; see tests/README.md. */
const { suitesToLeaveOut } = require('./tests/support/system-tools');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Suites that drive a system tool (Chromium, aws CLI, boto3, rclone, s3cmd) need it installed.
  testPathIgnorePatterns: ['/node_modules/', ...suitesToLeaveOut()],
  globalTeardown: '<rootDir>/tests/support/report-missing-tools.js',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // openapi-backend pulls in an ESM-only ref parser; let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!.*(@apidevtools/json-schema-ref-parser|oidc-provider|openid-client|oauth4webapi|jose)/)'],
  testTimeout: 30000,
};
