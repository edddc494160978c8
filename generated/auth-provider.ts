// Generated from openapi/auth-provider.yaml by `npm run codegen`. Do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider's control page
         * @description An HTML page (static files, no CDN, strict CSP) showing each issuer (endpoints, keys, clock,
         *     queued failures) with the control API's actions: users and claims, clients, key rotation,
         *     failures, clock, sessions.
         */
        get: operations["getControlPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration/{issuer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Issuer metadata at the RFC 8414 place (OpenID name)
         * @description The same document as `GET /{issuer_id}/.well-known/openid-configuration`.
         */
        get: operations["getDiscoveryByPathInsertion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server/{issuer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Issuer metadata at the RFC 8414 place (OAuth name)
         * @description The same document as `GET /{issuer_id}/.well-known/openid-configuration`.
         */
        get: operations["getAuthorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect discovery */
        get: operations["getDiscovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The issuer's public signing keys
         * @description The keys that sign now (one RS256, one ES256) and, after a rotation, the retired ones for
         *     `AUTH_KEY_GRACE_S` (default 3600 s).
         */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Authorization endpoint
         * @description Authorization code flow only (`response_type=code`), PKCE S256 required. Without a
         *     session the browser goes to the login page (`/{issuer_id}/interaction/{uid}`), unless
         *     `login_hint` names a user, who is then signed in at once (not when a page of another site
         *     sent the browser: `Sec-Fetch-Site: cross-site`). Consent is always given, so the
         *     browser is redirected to `redirect_uri` with `code` and `state` (or an `error`).
         *     `resource` (RFC 8707) asks for a JWT access token for that resource.
         */
        get: operations["authorize"];
        put?: never;
        /**
         * Authorization endpoint (form POST)
         * @description The authorization request as a form, which a relying party's page may post from its own
         *     origin (OpenID Connect Core 1.0 §3.1.2.1). Answered with a redirect to the same request as
         *     a GET, with the form's parameters as the query (at most 8 KiB of them), so the browser
         *     sends the provider's `SameSite=Lax` session cookie with it; the GET then goes on as above.
         *     Only the body's parameters count, as for oidc-provider's POST.
         */
        post: operations["postAuthorize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token endpoint
         * @description Grants: `authorization_code` (with `code_verifier`), `refresh_token` (rotated; a reused
         *     one is `invalid_grant`), `client_credentials`, `urn:ietf:params:oauth:grant-type:device_code`,
         *     and `urn:ietf:params:oauth:grant-type:token-exchange` (RFC 8693: `subject_token` is an
         *     access or ID token of this issuer, not one bound to a DPoP key, under the `subject_token_type`
         *     that names it (`access_token`, `id_token`, or `jwt` for either as a JWT); any other is
         *     `invalid_request`;
         *     `audience` or `resource` names the new token's `aud`; it keeps the subject token's scope, or
         *     the part of it `scope` names, and a scope the subject token lacks is `invalid_scope`).
         *     Client authentication: HTTP Basic, `client_secret` in the body, or none (public client).
         *     Failures queued with `PUT /admin/issuers/{issuer_id}/failures` are answered here first.
         */
        post: operations["token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/userinfo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * UserInfo endpoint
         * @description The user's claims for the scopes granted, with the user's and the client's configured claims. Needs an access token issued without a resource.
         */
        get: operations["getUserinfo"];
        put?: never;
        /** UserInfo endpoint (POST) */
        post: operations["postUserinfo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token introspection (RFC 7662)
         * @description Opaque access tokens and refresh tokens; the caller authenticates as a client (any secret
         *     in open mode). A JWT access token is answered `{"active": false}`: verify it with the JWKS.
         */
        post: operations["introspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token revocation (RFC 7009) */
        post: operations["revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/device_authorization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Device authorization (RFC 8628) */
        post: operations["deviceAuthorization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/device": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Device approval page
         * @description Asks for the user code (or takes `user_code`), then for confirmation, then signs the user in through the login page.
         */
        get: operations["getDevicePage"];
        put?: never;
        /** Device approval form */
        post: operations["submitDeviceCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/endsession": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RP-initiated logout
         * @description Asks the user to confirm, then ends the session and returns to `post_logout_redirect_uri` (a loopback URI in open mode, a registered one in strict mode).
         */
        get: operations["endSession"];
        put?: never;
        /**
         * RP-initiated logout (form POST)
         * @description The logout request as a form, which a relying party's page may post from its own origin
         *     (RP-Initiated Logout 1.0 §2). Answered with a redirect to the same request as a GET, with
         *     the form's parameters as the query (at most 8 KiB of them), so the browser sends the
         *     provider's `SameSite=Lax` session cookie with it and the user is asked to end the session
         *     they have.
         */
        post: operations["postEndSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/interaction/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The login page
         * @description Lists the issuer's users, takes any subject with JSON claims, and shows what will be
         *     issued. A request with `login_hint` naming a user, and every consent step, is answered
         *     with a redirect instead of the page; a `login_hint` in a sign-in a page of another site
         *     sent the browser to (`Sec-Fetch-Site: cross-site`, from an origin `CORS_ORIGIN` does not
         *     allow) gets the page, so no link signs the browser in as a user of its choosing.
         */
        get: operations["getLoginPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/interaction/{uid}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the pending sign-in asks for */
        get: operations["getInteraction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/interaction/{uid}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as a user
         * @description Signs in `subject`. With `claims`, the subject is saved as a user of the issuer with
         *     those claims first (the free-form login).
         */
        post: operations["submitLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{issuer_id}/interaction/{uid}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel the sign-in
         * @description The client gets `error=access_denied`.
         */
        post: operations["abortInteraction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every issuer used so far */
        get: operations["listIssuers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An issuer's state (created on first use) */
        get: operations["getIssuer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The issuer's users */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/users/{subject}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a user, or replace a user's claims */
        put: operations["putUser"];
        post?: never;
        /** Remove a user added through the control API */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The issuer's registered clients
         * @description Secrets are never shown, only whether a client has one.
         */
        get: operations["listClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Register a client, or replace its registration */
        put: operations["putClient"];
        post?: never;
        /** Remove a client registered through the control API */
        delete: operations["deleteClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing keys
         * @description New RS256 and ES256 keys sign from now on; the old ones stay in the JWKS for
         *     `AUTH_KEY_GRACE_S`. `alg` chooses what ID tokens and JWT access tokens are signed with.
         */
        post: operations["rotateKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Make the next token requests fail
         * @description The next `count` requests to the token endpoint are answered with this OAuth error, as
         *     RFC 6749 §5.2 JSON with `status` (default 401 for `invalid_client`, else 400; e.g. 503
         *     with `temporarily_unavailable` for an outage). A 401 to a client that authenticated with
         *     HTTP Basic carries a `WWW-Authenticate: Basic` challenge with the error, as a real one does.
         */
        put: operations["queueFailures"];
        post?: never;
        /** Forget queued failures */
        delete: operations["clearFailures"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Shift or freeze the issuer's clock
         * @description Everything the issuer does (issuing, expiring codes and tokens, `iat`/`exp`) runs
         *     `offset_s` seconds from real time; `frozen: true` also stops the clock at the time it
         *     shows now.
         */
        put: operations["setClock"];
        post?: never;
        /** Back to real time */
        delete: operations["resetClock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/issuers/{issuer_id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End every sign-in session
         * @description Every user signs in again on their next authorization; issued tokens stay valid.
         */
        delete: operations["revokeSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Claims as JSON (any names except the protocol's own, such as sub, iss, aud, exp, and except __proto__ and constructor, which oidc-provider cannot issue), nesting objects and arrays at most 32 levels deep. */
        Claims: {
            [key: string]: unknown;
        };
        User: {
            subject: string;
            claims: components["schemas"]["Claims"];
            /** @enum {string} */
            source: "preset" | "config" | "api";
        };
        ClientRegistration: {
            /** @description Visible ASCII characters and spaces, as RFC 6749 (Appendix A.2) allows in a `client_secret`; absent for a public client (PKCE, no secret). */
            client_secret?: string;
            /** @description Absolute http(s) URLs without a fragment, compared exactly (clients are web applications). */
            redirect_uris?: string[];
            /** @description Absolute http(s) URLs without a fragment, compared exactly. */
            post_logout_redirect_uris?: string[];
            claims?: components["schemas"]["Claims"];
        };
        Client: {
            client_id: string;
            /** @description Whether it has a secret (never shown). */
            confidential: boolean;
            redirect_uris: string[];
            post_logout_redirect_uris: string[];
            claims: components["schemas"]["Claims"];
            /** @enum {string} */
            source: "config" | "api";
        };
        Issuer: {
            id: string;
            /** @enum {string} */
            signing_alg: "RS256" | "ES256";
            clock: {
                offset_s: number;
                frozen: boolean;
                /** Format: date-time */
                now: string;
            };
            pending_failure: {
                error: string;
                status: number;
                error_description: string | null;
                remaining: number;
            } | null;
            keys: {
                kid: string;
                /** @enum {string} */
                alg: "RS256" | "ES256";
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                retired_at: string | null;
            }[];
            /** Format: date-time */
            created_at: string;
        };
        Interaction: {
            issuer: string;
            client_id: string;
            client_claims: components["schemas"]["Claims"];
            scope: string;
            resource: string | null;
            users: components["schemas"]["User"][];
        };
        Login: {
            subject: string;
            claims?: components["schemas"]["Claims"];
        };
        Discovery: {
            issuer: string;
            authorization_endpoint: string;
            token_endpoint: string;
            jwks_uri: string;
            userinfo_endpoint?: string;
            introspection_endpoint?: string;
            revocation_endpoint?: string;
            end_session_endpoint?: string;
            device_authorization_endpoint?: string;
            response_types_supported: string[];
        } & {
            [key: string]: unknown;
        };
        JwkSet: {
            keys: ({
                kty: string;
                kid: string;
                use?: string;
                alg?: string;
            } & {
                [key: string]: unknown;
            })[];
        };
        /** @description The authorization endpoint's GET query parameters, as a form. */
        AuthorizationRequest: {
            client_id?: string;
            response_type?: string;
            redirect_uri?: string;
            scope?: string;
            state?: string;
            nonce?: string;
            code_challenge?: string;
            code_challenge_method?: string;
            resource?: string;
            login_hint?: string;
            prompt?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The logout endpoint's GET query parameters, as a form. */
        EndSessionRequest: {
            id_token_hint?: string;
            client_id?: string;
            post_logout_redirect_uri?: string;
            state?: string;
        } & {
            [key: string]: unknown;
        };
        TokenRequest: {
            grant_type: string;
            code?: string;
            redirect_uri?: string;
            code_verifier?: string;
            refresh_token?: string;
            device_code?: string;
            scope?: string;
            resource?: string;
            audience?: string;
            subject_token?: string;
            subject_token_type?: string;
            requested_token_type?: string;
            client_id?: string;
            client_secret?: string;
        };
        TokenResponse: {
            access_token: string;
            token_type: string;
            expires_in?: number;
            refresh_token?: string;
            id_token?: string;
            scope?: string;
            issued_token_type?: string;
        };
        TokenReference: {
            token: string;
            token_type_hint?: string;
            client_id?: string;
            client_secret?: string;
        };
        Introspection: {
            active: boolean;
        } & {
            [key: string]: unknown;
        };
        DeviceAuthorization: {
            device_code: string;
            user_code: string;
            verification_uri: string;
            verification_uri_complete?: string;
            expires_in: number;
            interval?: number;
        };
        OAuthError: {
            error: string;
            error_description?: string;
        };
        Health: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "degraded";
            /** @example s3-mock */
            service: string;
            /** @example 0.1.0 */
            version: string;
            /** @example 12.5 */
            uptime_s: number;
            /** @description The state of each service this one depends on. */
            dependencies?: {
                [key: string]: {
                    /** @enum {string} */
                    status?: "ok" | "down";
                    url?: string;
                    detail?: string;
                };
            };
        } & {
            [key: string]: unknown;
        };
        /** @description An RFC 9457 problem details object. */
        Problem: {
            /**
             * @description A URI reference identifying the problem type.
             * @example https://standin.dev/problems/validation
             */
            type: string;
            /**
             * @description A short, human-readable summary of the problem type.
             * @example Request validation failed
             */
            title: string;
            /**
             * @description The HTTP status code.
             * @example 400
             */
            status: number;
            /**
             * @description An explanation specific to this occurrence.
             * @example query parameter 'limit' must be <= 500
             */
            detail?: string;
            /**
             * @description The request path that caused the problem.
             * @example /webhooks/events
             */
            instance?: string;
            /**
             * @description The request id, as in the x-request-id response header.
             * @example 3f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            request_id?: string;
            /** @description Each invalid field, for validation problems. */
            errors?: {
                /**
                 * @description Where the bad value is, e.g. `query.limit` or `body.metadata`.
                 * @example query.limit
                 */
                field?: string;
                /** @example must be <= 500 */
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description An HTML page. */
        Html: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example <!doctype html><html lang="en"><head><title>Auth provider</title></head><body>...</body></html> */
                "text/html": string;
            };
        };
        /** @description An HTML page naming the OAuth error (when the redirect URI cannot be trusted with it). */
        ErrorPage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example <!doctype html><html lang="en"><body><dl><dt>error</dt><dd>invalid_request</dd></dl></body></html> */
                "text/html": string;
            };
        };
        /** @description OpenID Provider metadata. */
        Discovery: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "issuer": "http://localhost:8080/default",
                 *       "authorization_endpoint": "http://localhost:8080/default/authorize",
                 *       "token_endpoint": "http://localhost:8080/default/token",
                 *       "jwks_uri": "http://localhost:8080/default/jwks",
                 *       "response_types_supported": [
                 *         "code"
                 *       ],
                 *       "subject_types_supported": [
                 *         "public"
                 *       ],
                 *       "id_token_signing_alg_values_supported": [
                 *         "RS256",
                 *         "ES256"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Discovery"];
            };
        };
        /** @description An OAuth error (RFC 6749 §5.2). */
        OAuthError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "invalid_grant",
                 *       "error_description": "grant request is invalid"
                 *     }
                 */
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description The user's claims. */
        UserInfo: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "sub": "alice",
                 *       "email": "alice@example.test",
                 *       "email_verified": true
                 *     }
                 */
                "application/json": {
                    sub: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        /** @description The same endpoint, with the form's parameters as the query; the browser sends it as a GET. */
        SameRequestAsGet: {
            headers: {
                /** @example /default/authorize?client_id=my-app&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback */
                Location?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Where the browser goes next. */
        Redirect: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "redirect_to": "http://localhost:8080/default/authorize/xW2n7k9d2L1hZ8qY0vJ3a"
                 *     }
                 */
                "application/json": {
                    redirect_to: string;
                };
            };
        };
        /** @description The issuer's state. */
        Issuer: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "id": "default",
                 *       "signing_alg": "RS256",
                 *       "clock": {
                 *         "offset_s": 0,
                 *         "frozen": false,
                 *         "now": "2026-01-01T12:00:00.000Z"
                 *       },
                 *       "pending_failure": null,
                 *       "keys": [
                 *         {
                 *           "kid": "5uxmCl0bd6jl3WhmNjnC9gzO-0q6kNKsgtxP9Wo_8Bw",
                 *           "alg": "RS256",
                 *           "created_at": "2026-01-01T11:00:00.000Z",
                 *           "retired_at": null
                 *         }
                 *       ],
                 *       "created_at": "2026-01-01T11:00:00.000Z"
                 *     }
                 */
                "application/json": components["schemas"]["Issuer"];
            };
        };
        /** @description The server is up. */
        Health: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "ok",
                 *       "service": "standin",
                 *       "version": "0.1.0",
                 *       "uptime_s": 12.5
                 *     }
                 */
                "application/json": components["schemas"]["Health"];
            };
        };
        /** @description An error, as RFC 9457 problem details. */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/validation",
                 *       "title": "Request validation failed",
                 *       "status": 400,
                 *       "detail": "query.limit: must be <= 500",
                 *       "instance": "/example",
                 *       "errors": [
                 *         {
                 *           "field": "query.limit",
                 *           "message": "must be <= 500"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
         *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
         *     `auth-provider`): those are a 400 problem.
         * @example default
         */
        IssuerId: string;
        /** @example xW2n7k9d2L1hZ8qY0vJ3a */
        InteractionUid: string;
        /** @example carol */
        Subject: string;
        /**
         * @description Visible ASCII characters and spaces, as RFC 6749 (Appendix A.1) allows in a `client_id`, except the names of `Object.prototype`'s members (`__proto__`, `constructor`, `toString`, ...), which oidc-provider cannot keep apart.
         * @example web-app
         */
        ClientId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Health"];
        };
    };
    getControlPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Html"];
        };
    };
    getDiscoveryByPathInsertion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Discovery"];
            400: components["responses"]["Problem"];
        };
    };
    getAuthorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Discovery"];
            400: components["responses"]["Problem"];
        };
    };
    getDiscovery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Discovery"];
            400: components["responses"]["Problem"];
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A JWK Set (RFC 7517). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "RSA",
                     *           "kid": "5uxmCl0bd6jl3WhmNjnC9gzO-0q6kNKsgtxP9Wo_8Bw",
                     *           "use": "sig",
                     *           "alg": "RS256",
                     *           "e": "AQAB",
                     *           "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/jwk-set+json": components["schemas"]["JwkSet"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    authorize: {
        parameters: {
            query: {
                /** @example my-app */
                client_id: string;
                /** @example code */
                response_type: "code";
                /** @example http://localhost:3000/callback */
                redirect_uri: string;
                /** @example openid profile email */
                scope?: string;
                /** @example af0ifjsldkj */
                state?: string;
                /** @example n-0S6_WzA2Mj */
                nonce?: string;
                /** @example E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM */
                code_challenge: string;
                /** @example S256 */
                code_challenge_method: "S256";
                /** @example http://localhost:8002 */
                resource?: string;
                /** @example alice */
                login_hint?: string;
                /** @example login */
                prompt?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the login page, or back to `redirect_uri` with `code` (or `error`). */
            303: {
                headers: {
                    /** @example http://localhost:3000/callback?code=abc&state=af0ifjsldkj&iss=http%3A%2F%2Flocalhost%3A8080%2Fdefault */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ErrorPage"];
        };
    };
    postAuthorize: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "my-app",
                 *       "response_type": "code",
                 *       "redirect_uri": "http://localhost:3000/callback",
                 *       "scope": "openid profile email",
                 *       "state": "af0ifjsldkj",
                 *       "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                 *       "code_challenge_method": "S256"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["AuthorizationRequest"];
            };
        };
        responses: {
            303: components["responses"]["SameRequestAsGet"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
        };
    };
    token: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grant_type": "client_credentials",
                 *       "client_id": "my-service",
                 *       "client_secret": "any-secret",
                 *       "resource": "http://localhost:8002"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Tokens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.e30.sig",
                     *       "token_type": "Bearer",
                     *       "expires_in": 3600
                     *     }
                     */
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
        };
    };
    getUserinfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UserInfo"];
            401: components["responses"]["OAuthError"];
        };
    };
    postUserinfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UserInfo"];
            401: components["responses"]["OAuthError"];
        };
    };
    introspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "8xLOxBtZp8",
                 *       "client_id": "resource-server",
                 *       "client_secret": "any-secret"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["TokenReference"];
            };
        };
        responses: {
            /** @description Whether the token is active, and what it says. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "active": true,
                     *       "sub": "alice",
                     *       "client_id": "my-app",
                     *       "scope": "openid offline_access",
                     *       "token_type": "refresh_token"
                     *     }
                     */
                    "application/json": components["schemas"]["Introspection"];
                };
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
        };
    };
    revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "8xLOxBtZp8",
                 *       "client_id": "my-app"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["TokenReference"];
            };
        };
        responses: {
            /** @description Revoked (or never valid; RFC 7009 answers alike). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
        };
    };
    deviceAuthorization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "my-tv",
                 *       "scope": "openid offline_access"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    client_id: string;
                    scope?: string;
                    resource?: string;
                };
            };
        };
        responses: {
            /** @description The codes; the user approves at `verification_uri_complete`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "device_code": "gSd4Y5AqPAZQ2pWQ5iB1hg",
                     *       "user_code": "WDJB-MJHT",
                     *       "verification_uri": "http://localhost:8080/default/device",
                     *       "verification_uri_complete": "http://localhost:8080/default/device?user_code=WDJB-MJHT",
                     *       "expires_in": 600
                     *     }
                     */
                    "application/json": components["schemas"]["DeviceAuthorization"];
                };
            };
            400: components["responses"]["OAuthError"];
        };
    };
    getDevicePage: {
        parameters: {
            query?: {
                /** @example WDJB-MJHT */
                user_code?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Html"];
            400: components["responses"]["ErrorPage"];
        };
    };
    submitDeviceCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    xsrf?: string;
                    user_code?: string;
                    confirm?: string;
                    abort?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Html"];
            /** @description On to the login page. */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ErrorPage"];
        };
    };
    endSession: {
        parameters: {
            query?: {
                /** @example eyJhbGciOiJSUzI1NiJ9.e30.sig */
                id_token_hint?: string;
                /** @example my-app */
                client_id?: string;
                /** @example http://localhost:3000/ */
                post_logout_redirect_uri?: string;
                /** @example xyz */
                state?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Html"];
            400: components["responses"]["ErrorPage"];
        };
    };
    postEndSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id_token_hint": "eyJhbGciOiJSUzI1NiJ9.e30.sig",
                 *       "post_logout_redirect_uri": "http://localhost:3000/",
                 *       "state": "xyz"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["EndSessionRequest"];
            };
        };
        responses: {
            303: components["responses"]["SameRequestAsGet"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
        };
    };
    getLoginPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example xW2n7k9d2L1hZ8qY0vJ3a */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Html"];
            /** @description Back to the authorization endpoint, the sign-in done. */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ErrorPage"];
        };
    };
    getInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example xW2n7k9d2L1hZ8qY0vJ3a */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request and the users to choose from. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "issuer": "http://localhost:8080/default",
                     *       "client_id": "my-app",
                     *       "client_claims": {},
                     *       "scope": "openid profile",
                     *       "resource": null,
                     *       "users": [
                     *         {
                     *           "subject": "alice",
                     *           "claims": {
                     *             "name": "Alice Example",
                     *             "email": "alice@example.test"
                     *           },
                     *           "source": "preset"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Interaction"];
                };
            };
            410: components["responses"]["Problem"];
        };
    };
    submitLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example xW2n7k9d2L1hZ8qY0vJ3a */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "subject": "alice"
                 *     }
                 */
                "application/json": components["schemas"]["Login"];
            };
        };
        responses: {
            200: components["responses"]["Redirect"];
            400: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
        };
    };
    abortInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example xW2n7k9d2L1hZ8qY0vJ3a */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Redirect"];
            410: components["responses"]["Problem"];
        };
    };
    listIssuers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The issuers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuers: components["schemas"]["Issuer"][];
                    };
                };
            };
        };
    };
    getIssuer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Presets, AUTH_CONFIG users, and users added here. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: components["schemas"]["User"][];
                    };
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    putUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example carol */
                subject: components["parameters"]["Subject"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "claims": {
                 *         "name": "Carol Example",
                 *         "email": "carol@example.test",
                 *         "roles": [
                 *           "editor"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    claims: components["schemas"]["Claims"];
                };
            };
        };
        responses: {
            /** @description The user as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "subject": "carol",
                     *       "claims": {
                     *         "name": "Carol Example",
                     *         "email": "carol@example.test",
                     *         "roles": [
                     *           "editor"
                     *         ]
                     *       },
                     *       "source": "api"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /** @example carol */
                subject: components["parameters"]["Subject"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description AUTH_CONFIG / AUTH_CLIENTS clients and clients registered here. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clients: components["schemas"]["Client"][];
                    };
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    putClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /**
                 * @description Visible ASCII characters and spaces, as RFC 6749 (Appendix A.1) allows in a `client_id`, except the names of `Object.prototype`'s members (`__proto__`, `constructor`, `toString`, ...), which oidc-provider cannot keep apart.
                 * @example web-app
                 */
                client_id: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_secret": "s3cret",
                 *       "redirect_uris": [
                 *         "http://localhost:3000/callback"
                 *       ],
                 *       "claims": {
                 *         "tenant": "acme"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ClientRegistration"];
            };
        };
        responses: {
            /** @description The client as registered (without its secret). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "web-app",
                     *       "confidential": true,
                     *       "redirect_uris": [
                     *         "http://localhost:3000/callback"
                     *       ],
                     *       "post_logout_redirect_uris": [],
                     *       "claims": {
                     *         "tenant": "acme"
                     *       },
                     *       "source": "api"
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    deleteClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
                /**
                 * @description Visible ASCII characters and spaces, as RFC 6749 (Appendix A.1) allows in a `client_id`, except the names of `Object.prototype`'s members (`__proto__`, `constructor`, `toString`, ...), which oidc-provider cannot keep apart.
                 * @example web-app
                 */
                client_id: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    rotateKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "alg": "ES256"
                 *     }
                 */
                "application/json": {
                    /**
                     * @default RS256
                     * @enum {string}
                     */
                    alg?: "RS256" | "ES256";
                };
            };
        };
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    queueFailures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "error": "temporarily_unavailable",
                 *       "count": 2,
                 *       "status": 503
                 *     }
                 */
                "application/json": {
                    /** @description An OAuth error code, e.g. invalid_grant, slow_down, server_error. */
                    error: string;
                    error_description?: string;
                    /** @default 1 */
                    count?: number;
                    status?: number;
                };
            };
        };
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    clearFailures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    setClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "offset_s": 3600
                 *     }
                 */
                "application/json": {
                    /** @default 0 */
                    offset_s?: number;
                    /** @default false */
                    frozen?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    resetClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Issuer"];
            400: components["responses"]["Problem"];
        };
    };
    revokeSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The issuer: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit, and not
                 *     one of the server's own names (`admin`, `docs`, `health`, `openapi.json`, `shared`,
                 *     `auth-provider`): those are a 400 problem.
                 * @example default
                 */
                issuer_id: components["parameters"]["IssuerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many sessions (and pending sign-ins) ended. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "revoked": 2
                     *     }
                     */
                    "application/json": {
                        revoked: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
        };
    };
}
