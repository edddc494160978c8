// Bearer tokens as the image API expects them: HS256 with JWT_SECRET, claims sub/iat/exp; or
// RS256 naming an issuer, signed with a throwaway key (for an issuer that cannot be reached).
const { generateKeyPairSync } = require('node:crypto');
const jwt = require('jsonwebtoken');
const { imageApi } = require('./server-settings');

function bearerToken(userId, { expiresInS = 3600, secret = imageApi.jwtSecret } = {}) {
  return `Bearer ${jwt.sign({ sub: userId }, secret, { algorithm: 'HS256', expiresIn: expiresInS })}`;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function issuerToken(userId, issuer) {
  const claims = { sub: userId, iss: issuer, aud: imageApi.authAudience[0] };
  return `Bearer ${jwt.sign(claims, privateKey, { algorithm: 'RS256', expiresIn: 3600, keyid: 'contract-key' })}`;
}

module.exports = { bearerToken, issuerToken };
