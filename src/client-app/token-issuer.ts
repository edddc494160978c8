import jwt from 'jsonwebtoken';

/** The claims the image API expects: HS256, sub = user id, iat/exp in seconds (docs/ARCHITECTURE.md, "Image API"). */
export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  token_type: 'Bearer';
  user_id: string;
  expires_at: string;
  expires_in: number;
  claims: TokenClaims;
}

/** Issues the bearer tokens the client app presents to the image API on a user's behalf. */
export class TokenIssuer {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(userId: string): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { sub: userId, iat, exp: iat + this.ttlSeconds };
    // jsonwebtoken keeps a given iat, so the token and the claims reported are the same numbers
    const token = jwt.sign({ ...claims }, this.secret, { algorithm: 'HS256' });
    return {
      token,
      token_type: 'Bearer',
      user_id: userId,
      expires_at: new Date(claims.exp * 1000).toISOString(),
      expires_in: this.ttlSeconds,
      claims,
    };
  }
}
