// Bearer tokens as the image API expects them: HS256 with JWT_SECRET, claims sub/iat/exp.
const jwt = require('jsonwebtoken');
const { imageApi } = require('./server-settings');

function bearerToken(userId, { expiresInS = 3600, secret = imageApi.jwtSecret } = {}) {
  return `Bearer ${jwt.sign({ sub: userId }, secret, { algorithm: 'HS256', expiresIn: expiresInS })}`;
}

module.exports = { bearerToken };
