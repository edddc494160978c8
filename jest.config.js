/** Tests start real servers on ephemeral ports; see tests/README.md. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // openapi-backend pulls in an ESM-only ref parser; let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!.*@apidevtools/json-schema-ref-parser/)'],
  testTimeout: 30000,
};
