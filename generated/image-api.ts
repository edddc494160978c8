// Generated from openapi/image-api.yaml by `npm run codegen`. Do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness, with the S3 dependency */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness under the API prefix
         * @description The same report as `/health`, where the image service's clients look for it; answered with
         *     or without a trailing slash (`/api/v1/health/`, as the seed's image service spells it).
         */
        get: operations["getApiHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image for processing
         * @description The body is streamed to disk as it arrives; a file larger than `MAX_UPLOAD_BYTES`
         *     (default 10 MiB) is refused with 413 as soon as it passes the limit, and a file whose
         *     first bytes are not those of a JPEG, PNG, WebP or GIF is refused with 415 (the declared
         *     Content-Type and file name are not trusted); an empty file is refused with 400 naming `file`. Form fields other than `file`, `bucket` and
         *     `metadata` are ignored; each of those three is taken once, and one given twice, before or
         *     after the file, is refused with 400 naming it (`body.bucket must be given once`), before
         *     anything is stored, rather than the last value winning.
         */
        post: operations["uploadImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id returned by the upload.
                 * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * The state of a processing job
         * @description Only the user who uploaded the image (the token's `sub`) sees the job; anyone else gets 404.
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/jobs/{job_id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id returned by the upload.
                 * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * What processing produced
         * @description The original and every variant, with presigned GET URLs on the S3 endpoint
         *     (`AWS_ENDPOINT_URL`), valid for `PRESIGNED_URL_EXPIRES_S` (default 3600 s) from this
         *     request. Variants: `thumbnail` (150 px), `medium` (800 px) and `large` (1920 px) on the
         *     longest edge, never larger than the original, each as WebP and, unless the image has
         *     transparency, as JPEG. `urls.thumbnail`, `urls.medium` and `urls.large` are the WebP ones.
         *     Variants are upright (EXIF orientation applied), in sRGB, and carry no metadata (no EXIF,
         *     GPS included, no XMP, no ICC profile); an animated GIF or WebP gives still variants of its
         *     first frame. The original is stored byte for byte as uploaded, its metadata included.
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
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the stand-in is doing, for its operator
         * @description The data behind the operator dashboard at `/dashboard` (a static page that polls this
         *     operation every 2 s): job counts by status, the most recent jobs of every user, each
         *     active user's use of the rate limit, the webhook outbox and the S3 dependency.
         *
         *     **No authentication, on purpose**: the stand-in is a local development tool and this view
         *     is what its operator wants to see while stress-testing the rate limit. It shows every
         *     user's job ids and errors, so do not expose a stand-in to untrusted networks. Read-only:
         *     nothing here changes state.
         *
         *     The rate-limit windows are counted in the server's memory and restored at start from the
         *     jobs requested in the last hour (kept in SQLite, as webhooks are), so a restart forgets
         *     none of them.
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
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
        /**
         * @description A user or client id: 1-128 letters, digits and `_ . @ : + -`, starting with a letter, digit
         *     or `_`. The id becomes a path segment of the image API's `WEBHOOK_URL` (`{client}`), so
         *     nothing that could steer that URL elsewhere is allowed: no `/`, `\`, `?`, `#`, `%`, spaces or
         *     control characters, and no dot segment (`.`, `..`, RFC 3986 §3.3).
         * @example test-user-123
         */
        PrincipalId: string;
        UploadForm: {
            /**
             * Format: binary
             * @description The image; its type is read from its first bytes.
             */
            file: string;
            /**
             * @description S3 bucket to store the image and its variants in (created if missing); default `S3_BUCKET`.
             *     A name S3 would not create is refused with 400: S3's naming rules (3-63 lowercase
             *     letters, digits, dots and hyphens, a letter or digit at each end, no `..`, not an IP
             *     address, none of S3's reserved prefixes such as `xn--` or suffixes such as `-s3alias`).
             * @default test-uploads
             * @example test-uploads
             */
            bucket: string;
            /**
             * @description A JSON object, as a string; returned as is with the result and in webhooks. At most
             *     16384 characters, and objects and arrays nested at most 8 levels deep (`{"a":{"b":[1]}}`
             *     is 3 deep); a longer or deeper document is refused with 400.
             * @example {"context":"demo"}
             */
            metadata?: string;
        };
        UploadAccepted: {
            /**
             * Format: uuid
             * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            job_id: string;
            /**
             * Format: uuid
             * @example 0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10
             */
            image_id: string;
            /**
             * Format: uri
             * @description Where to poll the job (`PUBLIC_URL` + path).
             * @example http://localhost:8002/api/v1/images/jobs/6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            status_url: string;
            /** @example Image accepted for processing */
            message: string;
        };
        /**
         * @description pending -> processing -> (retrying -> processing)* -> completed | failed.
         * @example processing
         * @enum {string}
         */
        JobStatus: "pending" | "processing" | "retrying" | "completed" | "failed";
        Job: {
            /**
             * Format: uuid
             * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            job_id: string;
            /**
             * Format: uuid
             * @example 0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10
             */
            image_id: string;
            status: components["schemas"]["JobStatus"];
            /**
             * @description Processing attempts started so far.
             * @example 1
             */
            attempts: number;
            /**
             * @description Why the last attempt failed (retrying, failed); null otherwise.
             * @example null
             */
            error: string | null;
            /**
             * Format: uri
             * @description Where the result is, once completed; null before.
             * @example null
             */
            result_url: string | null;
            /**
             * Format: date-time
             * @example 2025-01-15T10:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2025-01-15T10:30:00.120Z
             */
            updated_at: string;
        };
        /** @description Presigned GET URLs of the original and of the WebP variants. */
        ImageUrls: {
            /**
             * Format: uri
             * @example http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/original.jpg?X-Amz-Signature=...
             */
            original: string;
            /**
             * Format: uri
             * @example http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/thumbnail.webp?X-Amz-Signature=...
             */
            thumbnail: string;
            /**
             * Format: uri
             * @example http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/medium.webp?X-Amz-Signature=...
             */
            medium: string;
            /**
             * Format: uri
             * @example http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/large.webp?X-Amz-Signature=...
             */
            large: string;
        };
        Variant: {
            /**
             * @example thumbnail
             * @enum {string}
             */
            name: "thumbnail" | "medium" | "large";
            /**
             * @example webp
             * @enum {string}
             */
            format: "webp" | "jpeg";
            /** @example 150 */
            width: number;
            /** @example 100 */
            height: number;
            /** @example 2210 */
            size_bytes: number;
            /**
             * Format: uri
             * @example http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/thumbnail.webp?X-Amz-Signature=...
             */
            url: string;
        };
        ImageResult: {
            /**
             * Format: uuid
             * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            job_id: string;
            /**
             * Format: uuid
             * @example 0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10
             */
            image_id: string;
            /**
             * @example completed
             * @enum {string}
             */
            status: "completed";
            /** @example test-uploads */
            bucket: string;
            urls: components["schemas"]["ImageUrls"];
            variants: components["schemas"]["Variant"][];
            /**
             * @description Width of the original, after EXIF orientation.
             * @example 2400
             */
            width: number;
            /** @example 1600 */
            height: number;
            /**
             * @example jpeg
             * @enum {string}
             */
            format: "jpeg" | "png" | "webp" | "gif";
            /**
             * @description Size of the original.
             * @example 482113
             */
            size_bytes: number;
            /**
             * @description The most frequent colour (sharp's stats().dominant), taken from the decoded image at the size of the largest variant.
             * @example #3a6ea5
             */
            dominant_color: string;
            /**
             * @description The upload's `metadata` field, parsed (at most 8 levels deep).
             * @example {
             *       "context": "demo"
             *     }
             */
            metadata: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @example 2025-01-15T10:30:12.301Z
             */
            processed_at: string;
            /**
             * Format: date-time
             * @description When the presigned URLs stop working.
             * @example 2025-01-15T11:30:12.345Z
             */
            urls_expire_at: string;
        };
        Dashboard: {
            /**
             * Format: date-time
             * @description When this view was read.
             * @example 2025-01-15T10:31:05.000Z
             */
            generated_at: string;
            job_counts: components["schemas"]["JobCounts"];
            /** @description The most recent jobs of every user, newest first, at most `limit`. */
            recent_jobs: components["schemas"]["DashboardJob"][];
            /** @description Every user who holds a slot of the rolling hour (so uploaded within the last hour), busiest first. */
            rate_limits: components["schemas"]["UserRateLimit"][];
            webhooks: components["schemas"]["WebhookOutboxCounts"];
            s3: components["schemas"]["DependencyState"];
        };
        /** @description How many jobs are in each status, and in all. */
        JobCounts: {
            /** @example 1 */
            pending: number;
            /** @example 2 */
            processing: number;
            /** @example 0 */
            retrying: number;
            /** @example 48 */
            completed: number;
            /** @example 1 */
            failed: number;
            /** @example 52 */
            total: number;
        };
        /** @description A job as the operator sees it, whoever owns it. */
        DashboardJob: {
            /**
             * Format: uuid
             * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            job_id: string;
            owner: components["schemas"]["PrincipalId"];
            status: components["schemas"]["JobStatus"];
            /** @example 1 */
            attempts: number;
            /**
             * @description Why the last attempt failed; null when none did.
             * @example null
             */
            error: string | null;
            /**
             * @description The uploaded image's type, read from its first bytes.
             * @example jpeg
             * @enum {string}
             */
            format: "jpeg" | "png" | "webp" | "gif";
            /**
             * @description Size of the uploaded image.
             * @example 482113
             */
            size_bytes: number;
            /**
             * Format: date-time
             * @example 2025-01-15T10:31:04.200Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2025-01-15T10:31:04.310Z
             */
            updated_at: string;
            /**
             * @description A completed job's WebP variants (thumbnail, medium, large) with presigned GET URLs made
             *     now, so the dashboard shows them as images; absent for other jobs.
             */
            variants?: components["schemas"]["DashboardVariant"][];
        };
        DashboardVariant: {
            /**
             * @example thumbnail
             * @enum {string}
             */
            name: "thumbnail" | "medium" | "large";
            /** @example 150 */
            width: number;
            /** @example 100 */
            height: number;
            /**
             * @description Presigned GET URL of the variant in S3 (`S3_PUBLIC_URL` or `AWS_ENDPOINT_URL`).
             * @example http://localhost:9000/images/images/3f1c2a6e/thumbnail.webp?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=...
             */
            url: string;
        };
        /** @description One user's use of the rolling hour. */
        UserRateLimit: {
            user: components["schemas"]["PrincipalId"];
            /**
             * @description Uploads counted in the current rolling hour.
             * @example 50
             */
            used: number;
            /**
             * @description `RATE_LIMIT_PER_HOUR`.
             * @example 50
             */
            limit: number;
            /**
             * Format: date-time
             * @description When the user's oldest counted upload leaves the window, freeing a slot.
             * @example 2025-01-15T11:02:11.000Z
             */
            reset_at: string;
        };
        /** @description Webhook deliveries by state (each event is one delivery, however many attempts it takes). */
        WebhookOutboxCounts: {
            /**
             * @description Not delivered yet; being attempted or waiting for a retry.
             * @example 1
             */
            pending: number;
            /** @example 47 */
            delivered: number;
            /**
             * @description Gave up after `WEBHOOK_MAX_ATTEMPTS` attempts.
             * @example 1
             */
            failed: number;
        };
        /** @description Whether a service this one depends on answers. */
        DependencyState: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "down";
            /** @example http://localhost:9000 */
            url: string;
            /**
             * @description Why it is down.
             * @example connect ECONNREFUSED 127.0.0.1:9000
             */
            detail?: string;
        };
        WebhookEnvelope: {
            /**
             * @example image.processed
             * @enum {string}
             */
            event_type: "image.processed" | "image.failed";
            /**
             * @description Equals the `webhook-id` header.
             * @example msg_2b8f0e7c4d1a4e9b9c3f5a6d7e8f9012
             */
            event_id: string;
            /**
             * Format: date-time
             * @example 2025-01-15T10:30:12.345Z
             */
            created_at: string;
            client_id: components["schemas"]["PrincipalId"];
            /**
             * Format: uuid
             * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
             */
            job_id: string;
            /**
             * Format: uuid
             * @example 0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10
             */
            image_id: string;
            /**
             * @example {
             *       "context": "demo"
             *     }
             */
            metadata: {
                [key: string]: unknown;
            };
        };
        /** @description The result (as from the result endpoint) with the event envelope. */
        ImageProcessedEvent: components["schemas"]["WebhookEnvelope"] & components["schemas"]["ImageResult"];
        ImageFailedEvent: components["schemas"]["WebhookEnvelope"] & {
            /**
             * @example failed
             * @enum {string}
             */
            status: "failed";
            /** @example simulated processing failure (FAILURE_RATE=1) */
            error: string;
            /** @example 3 */
            attempts: number;
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
        /** @description The server is up; `dependencies.s3` says whether the S3 endpoint answers (`status` is `degraded` when it does not). */
        ApiHealth: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "ok",
                 *       "service": "image-api",
                 *       "version": "0.1.0",
                 *       "uptime_s": 12.5,
                 *       "dependencies": {
                 *         "s3": {
                 *           "status": "ok",
                 *           "url": "http://localhost:9000"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Health"];
            };
        };
        /** @description The bearer token is refused; `type` says why (see "Authentication" above). */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/unauthorized",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "token signature does not match (signed with another secret?)",
                 *       "instance": "/api/v1/images/jobs/6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The bearer token is refused; `type` says why (see "Authentication" above). No slot is used. */
        UploadUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token is one of `AUTH_ISSUER`'s, whose discovery document or JWKS cannot be fetched now. */
        TokenIssuerUnavailable: {
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
                 *       "type": "https://standin.dev/problems/token-issuer-unavailable",
                 *       "title": "Token Issuer Unavailable",
                 *       "status": 503,
                 *       "detail": "cannot verify tokens of http://localhost:8080/default now: its discovery document could not be used (fetch failed: ECONNREFUSED)",
                 *       "instance": "/api/v1/images/upload",
                 *       "issuer": "http://localhost:8080/default"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such job, or it belongs to another user. */
        JobNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/not-found",
                 *       "title": "Not Found",
                 *       "status": 404,
                 *       "detail": "no job 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77",
                 *       "instance": "/api/v1/images/jobs/6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77"
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
         * @description The job id returned by the upload.
         * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
         */
        JobId: string;
        /**
         * @description Standard Webhooks message id; the same on every retry of one event.
         * @example msg_2b8f0e7c4d1a4e9b9c3f5a6d7e8f9012
         */
        WebhookIdHeader: string;
        /**
         * @description Unix seconds when this attempt was signed.
         * @example 1736937012
         */
        WebhookTimestampHeader: string;
        /**
         * @description `v1,` + base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>`.
         * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
         */
        WebhookSignatureHeader: string;
        /**
         * @description Hex HMAC-SHA256 of the raw body (the seed's scheme).
         * @example 5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592
         */
        SeedSignatureHeader: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Uploads allowed per rolling hour.
         * @example 50
         */
        "X-RateLimit-Limit": number;
        /**
         * @description Uploads left in the current rolling hour, after this request.
         * @example 49
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description Unix time (seconds) when the next slot frees up; now when no slot is taken.
         * @example 1736940600
         */
        "X-RateLimit-Reset": number;
        /**
         * @description Seconds until an upload will be accepted again.
         * @example 1712
         */
        "Retry-After": number;
        /**
         * @description RFC 6750 challenge saying why the token was refused; without a bearer token, `Bearer realm="image-api"` alone (§3.1).
         * @example Bearer error="invalid_token", error_description="token expired at 2025-01-15T10:00:00.000Z"
         */
        "WWW-Authenticate": string;
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
    getApiHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ApiHealth"];
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
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "file": "(binary JPEG, PNG, WebP or GIF)",
                 *       "bucket": "test-uploads",
                 *       "metadata": "{\"context\":\"demo\",\"album\":\"holidays\"}"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Accepted; the image is processed in the background. */
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
                     *       "job_id": "6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77",
                     *       "image_id": "0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10",
                     *       "status_url": "http://localhost:8002/api/v1/images/jobs/6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77",
                     *       "message": "Image accepted for processing"
                     *     }
                     */
                    "application/json": components["schemas"]["UploadAccepted"];
                };
            };
            /** @description A form field is missing, invalid (an empty `file` included) or given twice (`errors[].field` names it), or the body is not multipart/form-data. */
            400: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/invalid-upload",
                     *       "title": "Invalid upload",
                     *       "status": 400,
                     *       "detail": "metadata: must be a JSON object, e.g. {\"context\":\"demo\"}",
                     *       "instance": "/api/v1/images/upload",
                     *       "errors": [
                     *         {
                     *           "field": "metadata",
                     *           "message": "must be a JSON object, e.g. {\"context\":\"demo\"}"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["UploadUnauthorized"];
            /** @description The file is larger than `MAX_UPLOAD_BYTES`. */
            413: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/payload-too-large",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "detail": "the file is larger than the limit of 10485760 bytes",
                     *       "instance": "/api/v1/images/upload",
                     *       "limit_bytes": 10485760
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description The file is not a JPEG, PNG, WebP or GIF image; or the form came with a
             *     `Content-Encoding`, which is not decoded (the answer then carries `Accept-Encoding: identity`
             *     and no rate-limit headers).
             */
            415: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/unsupported-media-type",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "detail": "the file is not a JPEG, PNG, WebP or GIF image (checked by its first bytes)",
                     *       "instance": "/api/v1/images/upload",
                     *       "accepted": [
                     *         "image/jpeg",
                     *         "image/png",
                     *         "image/webp",
                     *         "image/gif"
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user has used every upload of the rolling hour. */
            429: {
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
                     *       "detail": "at most 50 uploads per hour; retry in 1712 s",
                     *       "instance": "/api/v1/images/upload",
                     *       "retry_after_s": 1712
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["TokenIssuerUnavailable"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id returned by the upload.
                 * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["JobNotFound"];
            503: components["responses"]["TokenIssuerUnavailable"];
        };
    };
    getJobResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id returned by the upload.
                 * @example 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77",
                     *       "image_id": "0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10",
                     *       "status": "completed",
                     *       "bucket": "test-uploads",
                     *       "urls": {
                     *         "original": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/original.jpg?X-Amz-Signature=...",
                     *         "thumbnail": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/thumbnail.webp?X-Amz-Signature=...",
                     *         "medium": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/medium.webp?X-Amz-Signature=...",
                     *         "large": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/large.webp?X-Amz-Signature=..."
                     *       },
                     *       "variants": [
                     *         {
                     *           "name": "thumbnail",
                     *           "format": "webp",
                     *           "width": 150,
                     *           "height": 100,
                     *           "size_bytes": 2210,
                     *           "url": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/thumbnail.webp?X-Amz-Signature=..."
                     *         },
                     *         {
                     *           "name": "thumbnail",
                     *           "format": "jpeg",
                     *           "width": 150,
                     *           "height": 100,
                     *           "size_bytes": 3904,
                     *           "url": "http://localhost:9000/test-uploads/images/0b7e4d2c-51a3-4f0e-8c55-9f2f7d1e6a10/thumbnail.jpg?X-Amz-Signature=..."
                     *         }
                     *       ],
                     *       "width": 2400,
                     *       "height": 1600,
                     *       "format": "jpeg",
                     *       "size_bytes": 482113,
                     *       "dominant_color": "#3a6ea5",
                     *       "metadata": {
                     *         "context": "demo"
                     *       },
                     *       "processed_at": "2025-01-15T10:30:12.301Z",
                     *       "urls_expire_at": "2025-01-15T11:30:12.345Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ImageResult"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["JobNotFound"];
            /** @description The job has no result yet (pending, processing, retrying) or failed; `job_status` says which. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/job-not-completed",
                     *       "title": "Job not completed",
                     *       "status": 409,
                     *       "detail": "job 6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77 is processing, not completed yet",
                     *       "instance": "/api/v1/images/jobs/6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77/result",
                     *       "job_status": "processing"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["TokenIssuerUnavailable"];
        };
    };
    getDashboard: {
        parameters: {
            query?: {
                /**
                 * @description How many of the most recent jobs to list.
                 * @example 50
                 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current state, read when the request arrives. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "generated_at": "2025-01-15T10:31:05.000Z",
                     *       "job_counts": {
                     *         "pending": 1,
                     *         "processing": 2,
                     *         "retrying": 0,
                     *         "completed": 48,
                     *         "failed": 1,
                     *         "total": 52
                     *       },
                     *       "recent_jobs": [
                     *         {
                     *           "job_id": "6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77",
                     *           "owner": "test-user-123",
                     *           "status": "processing",
                     *           "attempts": 1,
                     *           "error": null,
                     *           "format": "jpeg",
                     *           "size_bytes": 482113,
                     *           "created_at": "2025-01-15T10:31:04.200Z",
                     *           "updated_at": "2025-01-15T10:31:04.310Z"
                     *         },
                     *         {
                     *           "job_id": "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d",
                     *           "owner": "test-user-123",
                     *           "status": "completed",
                     *           "attempts": 1,
                     *           "error": null,
                     *           "format": "png",
                     *           "size_bytes": 20431,
                     *           "created_at": "2025-01-15T10:30:58.000Z",
                     *           "updated_at": "2025-01-15T10:30:58.900Z",
                     *           "variants": [
                     *             {
                     *               "name": "thumbnail",
                     *               "width": 150,
                     *               "height": 100,
                     *               "url": "http://localhost:9000/images/images/9a7b6c5d/thumbnail.webp?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=..."
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "job_id": "3d2e1f0a-9b8c-4d7e-a6f5-e4d3c2b1a098",
                     *           "owner": "flaky-user",
                     *           "status": "failed",
                     *           "attempts": 3,
                     *           "error": "simulated processing failure (FAILURE_RATE=1)",
                     *           "format": "png",
                     *           "size_bytes": 1893,
                     *           "created_at": "2025-01-15T10:30:40.000Z",
                     *           "updated_at": "2025-01-15T10:30:47.512Z"
                     *         }
                     *       ],
                     *       "rate_limits": [
                     *         {
                     *           "user": "test-user-123",
                     *           "used": 50,
                     *           "limit": 50,
                     *           "reset_at": "2025-01-15T11:02:11.000Z"
                     *         },
                     *         {
                     *           "user": "flaky-user",
                     *           "used": 1,
                     *           "limit": 50,
                     *           "reset_at": "2025-01-15T11:30:40.000Z"
                     *         }
                     *       ],
                     *       "webhooks": {
                     *         "pending": 1,
                     *         "delivered": 47,
                     *         "failed": 1
                     *       },
                     *       "s3": {
                     *         "status": "ok",
                     *         "url": "http://localhost:9000"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
}
