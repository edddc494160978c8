/**
 * What can go wrong in the auth provider's own domain (its control API and pages). The HTTP
 * adapter turns each into a problem+json answer in one place (src/handlers/auth-provider/problems.ts).
 * OAuth protocol errors are oidc-provider's, answered as RFC 6749 JSON by it.
 */
export abstract class AuthProviderError extends Error {
  override readonly name = this.constructor.name;
}

/** An issuer id that cannot name an issuer (a reserved top-level name, or not the id pattern). */
export class InvalidIssuerIdError extends AuthProviderError {
  constructor(readonly issuerId: string) {
    super(`"${issuerId}" cannot name an issuer: use letters, digits, ".", "_" and "-" (up to 64), and not a reserved name`);
  }
}

/** An issuer that does not exist, asked for by a page of another site, which may not make one. */
export class IssuerNotCreatedError extends AuthProviderError {
  constructor(readonly issuerId: string) {
    super(`there is no issuer "${issuerId}", and a page of another site may not create one: create it from this machine first (any request for it does)`);
  }
}

export class UnknownUserError extends AuthProviderError {
  constructor(readonly subject: string) {
    super(`no user "${subject}" was added through the control API of this issuer`);
  }
}

export class UnknownClientError extends AuthProviderError {
  constructor(readonly clientId: string) {
    super(`no client "${clientId}" was registered through the control API of this issuer`);
  }
}

/** A user or client definition (from the control API or the login page) that cannot be used. */
export class InvalidDefinitionError extends AuthProviderError {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** The login page's interaction is over (finished, expired, or its cookie is gone). */
export class InteractionGoneError extends AuthProviderError {
  constructor(readonly reason: string) {
    super(`this sign-in is no longer pending (${reason}); start again from the application`);
  }
}
