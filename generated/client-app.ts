// Generated from openapi/client-app.yaml by `npm run codegen`. Do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness, and whether the image API answers
         * @description `dependencies.image_api` tells whether the image API answers its `/health`.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/generate-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Generate a bearer token for a user
         * @description Signs a JWT (HS256, `JWT_SECRET`, else `JWT_SECRET_KEY`) with the claims the image API
         *     expects: `sub` (the user id), `iat` and `exp` (`TOKEN_TTL_S` later). The decoded claims come back beside
         *     the token, with `Cache-Control: no-store` (RFC 6749 §5.1), so no cache keeps it.
         */
        get: operations["generateToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image through to the image API
         * @description Streams the form on to the image API's `POST /api/v1/images/upload` as `user_id`, with
         *     a freshly generated token: `file` and `bucket` as they are, `context` inside the image
         *     API's `metadata` JSON. The file is not held in memory: when `user_id` comes before the
         *     file (as the page sends it) the bytes flow straight through; when it comes after (as
         *     in `curl -F file=@.. -F user_id=..`) the file waits in a temporary file until the form
         *     is complete; that file holds at most `MAX_UPLOAD_BYTES` (default 10485760, the image
         *     API's own limit), and a larger one is refused with the app's own 413 as soon as it
         *     passes them.
         *
         *     A browser signed in with the auth provider (its `standin_session` cookie, see the
         *     Sign-in operations) uploads with the provider's access token instead, and `user_id` must
         *     then be the signed-in user (400 otherwise).
         *
         *     The image API's answer keeps its status: 202 with the job, or its refusal (401 bad
         *     token, 413 too large, 415 not an image, 429 rate-limited with `Retry-After` and
         *     `X-RateLimit-*`) with its problem+json body unchanged. Every upload, accepted or not,
         *     is added to the history. A bad `user_id`, `bucket` or `context`, or one given twice (a
         *     second `file` too), or a file part of another name than `file`, is refused here with
         *     400 naming the field, before or while the form streams on (the image API then sees the upload cut off, and does not keep it).
         */
        post: operations["uploadImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/status/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The status of a job this app uploaded
         * @description Asks the image API's `GET /api/v1/images/jobs/{job_id}` as the job's owner (known from
         *     the history) and passes the answer through. The history keeps the latest status.
         */
        get: operations["getJobStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/result/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The result of a finished job
         * @description Asks the image API's `GET /api/v1/images/jobs/{job_id}/result` as the job's owner and
         *     passes the answer through: the variant URLs (presigned S3-mock URLs), dimensions,
         *     format and dominant colour. A job that has not finished keeps the image API's answer
         *     (e.g. 409 problem+json).
         */
        get: operations["getJobResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stress-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a small image many times as one user
         * @description Uploads a small generated JPEG `count` times (default 51, one more than the image
         *     API's 50 per user per hour), `concurrency` at a time, as `user_id`, and counts the
         *     answers. Progress is published on `GET /api/logs/stream` (`stress.progress` entries)
         *     while the run is under way. Accepted uploads join the history like any other. An
         *     upload the image API does not answer (down, or silent for 30 s) ends the run, so a run
         *     never takes longer than its answered uploads and one such wait. A caller that goes away
         *     (closes its connection) stops its run too: no more uploads are sent, and the live log's
         *     `stress.finished` entry counts those not sent. At most `STRESS_TEST_MAX_RUNS` runs
         *     (default 2) go on at once; another is refused 429 and sends nothing.
         *     Accepts JSON, multipart/form-data (`curl -F`) or urlencoded forms; a form field given
         *     twice is a 400 naming it (`body.user_id must be given once`), whichever the form's type,
         *     and so is a multipart part sent as a file (`curl -F count=@n.txt`): every field is text.
         */
        post: operations["runStressTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The uploads this app sent, newest first */
        get: operations["listHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live log of what the app does (server-sent events)
         * @description A `text/event-stream` of activity entries, each as an `activity` event whose `id` is
         *     the entry id and whose `data` is the entry as JSON:
         *
         *     | field | type | meaning |
         *     |---|---|---|
         *     | `id` | integer | increasing entry id (the event id) |
         *     | `time` | date-time | when it happened |
         *     | `level` | `info`, `warn`, `error` | how it went |
         *     | `kind` | string | what happened (below) |
         *     | `message` | string | one line for people |
         *     | `data` | object | the details: user_id, job_id, counters... |
         *
         *     On connect
         *     the most recent entries are replayed — those after `Last-Event-ID` when the browser
         *     reconnects. Kinds: `token.generated`, `upload.sent`, `upload.accepted`,
         *     `upload.rejected`, `upload.rate_limited`, `status.checked`, `result.fetched`,
         *     `stress.started`, `stress.progress`, `stress.finished`, `image_api.unreachable`,
         *     `sign_in.completed`, `sign_in.failed`.
         *     A comment line keeps the connection alive every 15 s.
         */
        get: operations["streamLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in with the auth provider, and whether it answers
         * @description Always 200. `provider.status` is `unreachable` (with `provider.detail` saying what to do)
         *     when the issuer's discovery document cannot be fetched. When this browser is signed in
         *     (its `standin_session` cookie), the access token for the image API, its decoded claims and
         *     the ID token's claims; with `Cache-Control: no-store`, so no cache keeps the token.
         */
        get: operations["getSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start signing in (redirects to the auth provider)
         * @description Opened by the browser (a link or a navigation, not fetch): remembers a new PKCE verifier,
         *     state and nonce for this browser (cookie `standin_sign_in`, 10 minutes) and redirects to
         *     the provider's authorization endpoint with `redirect_uri` this app's
         *     `/api/auth/callback` at the address the browser used, `scope=openid profile`,
         *     `code_challenge_method=S256`, `resource` and `prompt=login` (a fresh login each time:
         *     signing out forgets only this app's tokens, not the provider's session). `login_hint` is
         *     passed on (the auth provider stand-in logs that user in without a page). 502 when the
         *     provider does not answer. 403 when the browser marks the request as coming from a page
         *     of another site (`Sec-Fetch-Site: cross-site`): a link there could otherwise sign this
         *     browser in as a user of that page's choosing (login CSRF).
         */
        get: operations["startSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the auth provider sends the browser back
         * @description The redirect URI. Exchanges the code at the provider's token endpoint (with the PKCE
         *     verifier, checking `state`, the answer's `iss` and the ID token's nonce), keeps the
         *     tokens, sets the `standin_session` cookie and sends the browser back to the page. Any
         *     failure sends it back to the page too, with `sign_in_error` a code the page words itself
         *     (never text: the page shows no text a link put in its URL, and a code it does not know
         *     as a generic "Sign-in failed"): the provider's OAuth `error` (RFC 6749 §4.1.2.1, OpenID
         *     Connect Core §3.1.2.6, `invalid_target` of RFC 8707), or `provider_error` for one
         *     outside those; `sign_in_not_started` for a sign-in this browser did not start or started
         *     more than 10 minutes ago; `token_exchange_failed` for a refused code (or a bad `state`,
         *     `iss` or nonce); `provider_unreachable`. The reason in full, with the provider's
         *     `error_description`, is in the activity log (`sign_in.failed`).
         */
        get: operations["finishSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out (forget this browser's tokens)
         * @description The app forgets the tokens and clears the cookie; nothing is sent to the provider, whose
         *     own session (its cookie in the browser) may sign the same user in again at once.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        UserId: components["schemas"]["PrincipalId"];
        /**
         * @description The S3 bucket the image API stores the image in (its default, `S3_BUCKET`, when absent):
         *     3-63 lowercase letters, digits, dots and hyphens, a letter or digit at each end, no `..`.
         * @example test-uploads
         */
        BucketName: string;
        Token: {
            /** @description The signed JWT. */
            token: string;
            /** @enum {string} */
            token_type: "Bearer";
            user_id: components["schemas"]["PrincipalId"];
            /** Format: date-time */
            expires_at: string;
            /** @description Seconds until the token expires. */
            expires_in: number;
            claims: {
                /** @description The user id. */
                sub: string;
                /** @description Issued at, Unix seconds. */
                iat: number;
                /** @description Expires at, Unix seconds. */
                exp: number;
            };
        };
        SignInState: {
            provider: {
                /** @description AUTH_ISSUER. */
                issuer: string;
                /** @enum {string} */
                status: "ok" | "unreachable";
                /** @description Why it is unreachable, and what to do. */
                detail?: string;
            };
            signed_in: boolean;
            /** @description The access token's `sub`. */
            user_id?: string;
            /** @description The provider's access token for the image API (a JWT). */
            access_token?: string;
            /** @enum {string} */
            token_type?: "Bearer";
            /** Format: date-time */
            expires_at?: string;
            /** @description Seconds until the access token expires. */
            expires_in?: number;
            scope?: string;
            /** @description The access token's claims, decoded. */
            claims?: {
                [key: string]: unknown;
            };
            /** @description The ID token's claims, verified. */
            id_token_claims?: {
                [key: string]: unknown;
            };
        };
        UploadAccepted: {
            job_id: string;
            image_id: string;
            user_id: components["schemas"]["PrincipalId"];
            /** @description The image API's message. */
            message?: string;
            /** @description This app's status URL for the job. */
            status_url: string;
            /** @description This app's result URL for the job. */
            result_url: string;
            /** @description The image API's own status URL, as it returned it. */
            image_api_status_url?: string;
            /** @description The upload's entry in the history. */
            history_id: number;
        };
        /** @description The image API's job, passed through (fields beyond these are kept). */
        JobStatus: {
            job_id: string;
            image_id?: string;
            /** @enum {string} */
            status: "pending" | "processing" | "retrying" | "completed" | "failed";
            attempts?: number;
            error?: string | null;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            updated_at?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The image API's result, passed through (fields beyond these are kept). */
        JobResult: {
            job_id?: string;
            image_id: string;
            /** @description Presigned URL of the original and of each variant. */
            urls: {
                [key: string]: string;
            };
            /** @description Every rendering, with its format, dimensions, size and presigned URL. */
            variants?: ({
                /** @example thumbnail */
                name: string;
                /** @example webp */
                format?: string;
                /** @example 150 */
                width?: number;
                /** @example 100 */
                height?: number;
                /** @example 2210 */
                size_bytes?: number;
                url: string;
            } & {
                [key: string]: unknown;
            })[];
            width?: number;
            height?: number;
            format?: string;
            size_bytes?: number;
            /** @description Hex colour, e.g. #4a7bb5. */
            dominant_color?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Form fields are text, so `count` and `concurrency` may be digits in a string. */
        StressTestRequest: {
            user_id: components["schemas"]["PrincipalId"];
            /**
             * @description Uploads to send (1-1000, default 51).
             * @example 51
             */
            count?: number | string;
            /**
             * @description Uploads in flight at once (1-50, default 10).
             * @example 10
             */
            concurrency?: number | string;
            bucket?: components["schemas"]["BucketName"];
        };
        StressTestReport: {
            /** @description Ties the report to its stress.* log entries. */
            run_id: string;
            user_id: components["schemas"]["PrincipalId"];
            /** @description Uploads sent. */
            total: number;
            /** @description Answered 2xx. */
            accepted: number;
            /** @description Answered 429. */
            rate_limited: number;
            /**
             * @description Any other answer, or none. An upload the image API does not answer stops the run (the
             *     image API is down or silent), and the uploads not sent count here too.
             */
            errors: number;
            /** @description The largest Retry-After (seconds) of the 429 answers; null when none was limited. */
            retry_after: number | null;
            duration_ms: number;
        };
        HistoryEntry: {
            id: number;
            /** @description Null when the image API refused the upload. */
            job_id: string | null;
            image_id: string | null;
            user_id: components["schemas"]["PrincipalId"];
            filename: string | null;
            /** @description Bytes of the file received from the caller. */
            bytes: number;
            bucket: string | null;
            context: string | null;
            /** @enum {string} */
            source: "upload" | "stress-test";
            /** @description How the image API answered the upload. */
            http_status: number;
            /** @description The job status last seen (pending, processing, retrying, completed, failed), or `rejected`. */
            status: string;
            error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        HistoryPage: {
            items: components["schemas"]["HistoryEntry"][];
            /** @description Entries matching, across all pages. */
            total: number;
            limit: number;
            offset: number;
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
        /**
         * @description A user or client id: 1-128 letters, digits and `_ . @ : + -`, starting with a letter, digit
         *     or `_`. The id becomes a path segment of the image API's `WEBHOOK_URL` (`{client}`), so
         *     nothing that could steer that URL elsewhere is allowed: no `/`, `\`, `?`, `#`, `%`, spaces or
         *     control characters, and no dot segment (`.`, `..`, RFC 3986 §3.3).
         * @example test-user-123
         */
        PrincipalId: string;
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
        /** @description The image API refused; its status and problem+json body are passed through unchanged. */
        UpstreamProblem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/unsupported-media-type",
                 *       "title": "Unsupported Media Type",
                 *       "status": 415,
                 *       "detail": "the file is not a JPEG, PNG, WebP or GIF image",
                 *       "instance": "/api/v1/images/upload"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The image API's rate limit (50 uploads per user per rolling hour), passed through with its headers. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/too-many-requests",
                 *       "title": "Too Many Requests",
                 *       "status": 429,
                 *       "detail": "50 uploads per hour; try again in 3598 s",
                 *       "instance": "/api/v1/images/upload"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The auth provider (`AUTH_ISSUER`) did not answer its discovery request. */
        AuthProviderUnreachable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/auth-provider-unreachable",
                 *       "title": "Auth Provider Unreachable",
                 *       "status": 502,
                 *       "detail": "the auth provider at http://localhost:8080/default does not answer (fetch failed (ECONNREFUSED)); start it (npm start, or npx standin start auth) or point AUTH_ISSUER at a running issuer",
                 *       "instance": "/api/auth/login",
                 *       "issuer": "http://localhost:8080/default"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The image API did not answer, or what answered at `IMAGE_API_URL` is not the image API:
         *     an answer whose type is neither `application/json` nor an `application/*+json` type (S3's
         *     XML, a proxy's HTML page, `text/html; x=json`) is never passed on.
         */
        ImageApiUnreachable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/image-api-unreachable",
                 *       "title": "Image API Unreachable",
                 *       "status": 502,
                 *       "detail": "image API at http://localhost:8002 is unreachable: connect ECONNREFUSED 127.0.0.1:8002",
                 *       "instance": "/api/upload",
                 *       "image_api_url": "http://localhost:8002"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
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
         * @description The job id the image API returned for an upload made through this app; a UUID in capitals is the same job (RFC 9562).
         * @example 0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b
         */
        JobId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Seconds until the image API accepts this user's uploads again (passed through).
         * @example 3598
         */
        "Retry-After": number;
        /**
         * @description Uploads allowed per user per rolling hour (passed through from the image API).
         * @example 50
         */
        "X-RateLimit-Limit": number;
        /**
         * @description Uploads this user has left in the window (passed through).
         * @example 0
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description When the window frees a slot, as Unix seconds (passed through).
         * @example 1735790645
         */
        "X-RateLimit-Reset": number;
    };
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
    generateToken: {
        parameters: {
            query: {
                /**
                 * @description The user the token speaks for; becomes the `sub` claim.
                 * @example test-user-123
                 */
                user_id: components["schemas"]["PrincipalId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token and its decoded claims. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LXVzZXItMTIzIiwiaWF0IjoxNzM1Nzg3MDQ1LCJleHAiOjE3MzU3OTA2NDV9.cbF1o6NpL2iCZ1SqTqv2h4m0Qw9mYp5wM4x8A3n0bQk",
                     *       "token_type": "Bearer",
                     *       "user_id": "test-user-123",
                     *       "expires_at": "2025-01-02T04:04:05.000Z",
                     *       "expires_in": 3600,
                     *       "claims": {
                     *         "sub": "test-user-123",
                     *         "iat": 1735787045,
                     *         "exp": 1735790645
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Token"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    uploadImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The upload form (multipart/form-data). Read by the app itself, as a stream. */
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "bucket": "test-uploads",
                 *       "user_id": "user-456",
                 *       "context": "demo",
                 *       "file": "(binary JPEG bytes)"
                 *     }
                 */
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The image (JPEG, PNG, WebP or GIF; the image API checks its bytes).
                     */
                    file: string;
                    bucket?: components["schemas"]["BucketName"];
                    user_id: components["schemas"]["PrincipalId"];
                    /**
                     * @description Free text, sent to the image API as `metadata.context`; at most 2048 characters,
                     *     so that the metadata stays within the image API's limit however it is escaped.
                     * @example demo
                     */
                    context?: string;
                };
            };
        };
        responses: {
            /** @description The image API accepted the upload and queued a job. */
            202: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "image_id": "7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a",
                     *       "user_id": "user-456",
                     *       "message": "Image queued for processing",
                     *       "status_url": "/api/status/0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "result_url": "/api/result/0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "image_api_status_url": "http://localhost:8002/api/v1/images/jobs/0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "history_id": 12
                     *     }
                     */
                    "application/json": components["schemas"]["UploadAccepted"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["UpstreamProblem"];
            /**
             * @description The file is too large: the image API's 413 passed through, or the app's own (with
             *     `limit_bytes`, `instance` `/api/upload`) for a file sent before `user_id` that outgrew
             *     `MAX_UPLOAD_BYTES` while the app held it.
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/payload-too-large",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "detail": "the file is larger than the limit of 10485760 bytes (MAX_UPLOAD_BYTES)",
                     *       "instance": "/api/upload",
                     *       "limit_bytes": 10485760
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description The image API's 415 passed through (the file is not an image), or the app's own for a
             *     form sent with a `Content-Encoding`: the app reads the form as it arrives and decodes
             *     no content coding, so it refuses one (with `Accept-Encoding: identity`) rather than read
             *     compressed bytes as a form.
             */
            415: {
                headers: {
                    /**
                     * @description On the app's own 415, `identity`.
                     * @example identity
                     */
                    "Accept-Encoding"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/unsupported-media-type",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "detail": "POST /api/upload decodes no content coding: send its body without Content-Encoding (not gzip)",
                     *       "instance": "/api/upload"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["ImageApiUnreachable"];
        };
    };
    getJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id the image API returned for an upload made through this app; a UUID in capitals is the same job (RFC 9562).
                 * @example 0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, as the image API reports it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "image_id": "7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a",
                     *       "status": "processing",
                     *       "attempts": 1,
                     *       "error": null,
                     *       "created_at": "2025-01-02T03:04:05.000Z",
                     *       "updated_at": "2025-01-02T03:04:06.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["JobStatus"];
                };
            };
            404: components["responses"]["Problem"];
            502: components["responses"]["ImageApiUnreachable"];
        };
    };
    getJobResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id the image API returned for an upload made through this app; a UUID in capitals is the same job (RFC 9562).
                 * @example 0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The processed image, as the image API reports it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *       "image_id": "7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a",
                     *       "status": "completed",
                     *       "width": 1200,
                     *       "height": 800,
                     *       "format": "jpeg",
                     *       "dominant_color": "#4a7bb5",
                     *       "size_bytes": 48213,
                     *       "urls": {
                     *         "original": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/original.jpg?X-Amz-Signature=...",
                     *         "thumbnail": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/thumbnail.webp?X-Amz-Signature=...",
                     *         "medium": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/medium.webp?X-Amz-Signature=...",
                     *         "large": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/large.webp?X-Amz-Signature=..."
                     *       },
                     *       "variants": [
                     *         {
                     *           "name": "thumbnail",
                     *           "format": "webp",
                     *           "width": 150,
                     *           "height": 100,
                     *           "size_bytes": 2210,
                     *           "url": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/thumbnail.webp?X-Amz-Signature=..."
                     *         },
                     *         {
                     *           "name": "medium",
                     *           "format": "webp",
                     *           "width": 800,
                     *           "height": 533,
                     *           "size_bytes": 31870,
                     *           "url": "http://localhost:9000/test-uploads/images/7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a/medium.webp?X-Amz-Signature=..."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JobResult"];
                };
            };
            404: components["responses"]["Problem"];
            409: components["responses"]["UpstreamProblem"];
            502: components["responses"]["ImageApiUnreachable"];
        };
    };
    runStressTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description JSON, or a form. Not marked required: a multipart form is read by the handler, not
         *     by the request validator, so the body is checked there (400 without `user_id`).
         */
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "user_id": "test-user-123",
                 *       "count": 51,
                 *       "concurrency": 10
                 *     }
                 */
                "application/json": components["schemas"]["StressTestRequest"];
                /**
                 * @example {
                 *       "user_id": "test-user-123",
                 *       "count": "51"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["StressTestRequest"];
                /**
                 * @example {
                 *       "user_id": "test-user-123",
                 *       "count": "51"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["StressTestRequest"];
            };
        };
        responses: {
            /** @description How the image API answered the run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "run_id": "5f0c8a1e-3b7d-4e2f-9a6c-1d8b3e5f7a9c",
                     *       "user_id": "test-user-123",
                     *       "total": 51,
                     *       "accepted": 50,
                     *       "rate_limited": 1,
                     *       "errors": 0,
                     *       "retry_after": 3598,
                     *       "duration_ms": 1840
                     *     }
                     */
                    "application/json": components["schemas"]["StressTestReport"];
                };
            };
            400: components["responses"]["Problem"];
            /**
             * @description As many runs as `STRESS_TEST_MAX_RUNS` allows are under way; this one was not
             *     started. `Retry-After` suggests when to ask again (when the running ones end is not known);
             *     `max_runs` is the limit.
             */
            429: {
                headers: {
                    /**
                     * @description Seconds before asking again is worth it.
                     * @example 5
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/too-many-stress-tests",
                     *       "title": "Too Many Stress Tests",
                     *       "status": 429,
                     *       "detail": "2 stress tests are running, as many as STRESS_TEST_MAX_RUNS allows at once; start this one when one has finished",
                     *       "instance": "/api/stress-test",
                     *       "max_runs": 2
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHistory: {
        parameters: {
            query?: {
                /**
                 * @description Page size.
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description How many of the newest entries to skip.
                 * @example 0
                 */
                offset?: number;
                /**
                 * @description Only this user's uploads.
                 * @example user-456
                 */
                user_id?: components["schemas"]["PrincipalId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the history, with the total. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total": 2,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "items": [
                     *         {
                     *           "id": 2,
                     *           "job_id": null,
                     *           "image_id": null,
                     *           "user_id": "user-456",
                     *           "filename": "stress-51.jpg",
                     *           "bytes": 1403,
                     *           "bucket": null,
                     *           "context": "stress-test 5f0c8a1e #51",
                     *           "source": "stress-test",
                     *           "http_status": 429,
                     *           "status": "rejected",
                     *           "error": "Too Many Requests: 50 uploads per hour; try again in 3598 s",
                     *           "created_at": "2025-01-02T03:05:00.000Z",
                     *           "updated_at": "2025-01-02T03:05:00.000Z"
                     *         },
                     *         {
                     *           "id": 1,
                     *           "job_id": "0b6f3c2e-5d1a-4b8e-9f7a-2c4d6e8f0a1b",
                     *           "image_id": "7d9e1f3a-2b4c-4d6e-8f0a-1b3c5d7e9f2a",
                     *           "user_id": "user-456",
                     *           "filename": "image.jpg",
                     *           "bytes": 48213,
                     *           "bucket": "test-uploads",
                     *           "context": "demo",
                     *           "source": "upload",
                     *           "http_status": 202,
                     *           "status": "completed",
                     *           "error": null,
                     *           "created_at": "2025-01-02T03:04:05.000Z",
                     *           "updated_at": "2025-01-02T03:04:09.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    streamLogs: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The last entry id seen; replay starts after it.
                 * @example 41
                 */
                "Last-Event-ID"?: number;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream; it stays open. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example retry: 3000
                     *
                     *     id: 42
                     *     event: activity
                     *     data: {"id":42,"time":"2025-01-02T03:05:00.000Z","level":"warn","kind":"upload.rate_limited","message":"upload rate-limited, retry after 3598 s","data":{"user_id":"test-user-123","retry_after":"3598"}}
                     *
                     *     id: 43
                     *     event: activity
                     *     data: {"id":43,"time":"2025-01-02T03:05:00.010Z","level":"warn","kind":"stress.progress","message":"stress test 51/51: HTTP 429","data":{"done":51,"total":51,"accepted":50,"rate_limited":1,"errors":0,"retry_after":3598}}
                     */
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    getSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "provider": {
                     *         "issuer": "http://localhost:8080/default",
                     *         "status": "ok"
                     *       },
                     *       "signed_in": true,
                     *       "user_id": "alice",
                     *       "access_token": "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InItMSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
                     *       "token_type": "Bearer",
                     *       "expires_at": "2025-01-02T04:04:05.000Z",
                     *       "expires_in": 3599,
                     *       "scope": "openid profile",
                     *       "claims": {
                     *         "iss": "http://localhost:8080/default",
                     *         "sub": "alice",
                     *         "aud": "http://localhost:8002",
                     *         "client_id": "standin-client-app",
                     *         "scope": "openid profile",
                     *         "iat": 1735787045,
                     *         "exp": 1735790645,
                     *         "jti": "3nC0Pqz7"
                     *       },
                     *       "id_token_claims": {
                     *         "iss": "http://localhost:8080/default",
                     *         "sub": "alice",
                     *         "aud": "standin-client-app",
                     *         "name": "Alice Example",
                     *         "iat": 1735787045,
                     *         "exp": 1735790645
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["SignInState"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    startSignIn: {
        parameters: {
            query?: {
                /**
                 * @description The user to sign in as, passed on to the provider.
                 * @example alice
                 */
                login_hint?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider's authorization endpoint. */
            302: {
                headers: {
                    /**
                     * @description The authorization URL.
                     * @example http://localhost:8080/default/auth?client_id=standin-client-app&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fauth%2Fcallback&scope=openid+profile&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&resource=http%3A%2F%2Flocalhost%3A8002
                     */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            502: components["responses"]["AuthProviderUnreachable"];
        };
    };
    finishSignIn: {
        parameters: {
            query?: {
                /**
                 * @description The authorization code.
                 * @example 4XfBNsKXq4Yq
                 */
                code?: string;
                /**
                 * @description The state sent with the request.
                 * @example af0ifjsldkj
                 */
                state?: string;
                /**
                 * @description The issuer that answers (RFC 9207).
                 * @example http://localhost:8080/default
                 */
                iss?: string;
                /**
                 * @description The provider's OAuth error code.
                 * @example access_denied
                 */
                error?: string;
                /**
                 * @description The provider's explanation.
                 * @example End-User aborted interaction
                 */
                error_description?: string;
                /**
                 * @description A page about the error.
                 * @example https://example.test/errors/access_denied
                 */
                error_uri?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Back to the page, signed in (`/`), or with `?sign_in_error=<code>`. */
            303: {
                headers: {
                    /**
                     * @description The page.
                     * @example /?sign_in_error=access_denied
                     */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out (also when nobody was signed in). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
        };
    };
}
