// Generated from openapi/s3-mock.yaml by `npm run codegen`. Do not edit.

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
    "/presigned-url": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Make a SigV4 presigned URL
         * @description Returns a real SigV4 presigned URL (path style, based on `PRESIGNED_URL_BASE`, signed with
         *     the first pair of `S3_CREDENTIALS` for region `S3_REGION`) that this server then honours
         *     until it expires, like one from `@aws-sdk/s3-request-presigner`. The bucket need not exist
         *     yet; using the URL answers `NoSuchBucket` if it still does not. A key with a `.` or `..`
         *     segment (`a/../b.txt`) has its `/` encoded as `%2F` in the URL, which URL parsers would
         *     otherwise shorten to another path (`/b.txt`).
         */
        get: operations["getPresignedUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/buckets": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every bucket with its object count and size */
        get: operations["listAdminBuckets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/objects/{bucket}": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the objects of a bucket with their full metadata */
        get: operations["listAdminObjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reset": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete every bucket and object, then recreate the S3_BUCKETS buckets
         * @description Returns the server to its start state (the `S3_BUCKETS` buckets, empty).
         */
        delete: operations["resetStorage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/notifications": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The S3 event notifications in the outbox, with their delivery state
         * @description Every event notification (and s3:TestEvent) the mock queued, newest first: `pending`
         *     (waiting for its first attempt or a retry), `delivered` (the destination answered 2xx) or
         *     `failed` (out of attempts), with the destination's last answer. Also the configured webhook
         *     destinations. `DELETE /admin/reset` empties it.
         */
        get: operations["listAdminNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/buckets/{bucket}": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Create a bucket
         * @description Creates the bucket in the default region, as CreateBucket without a configuration does.
         *     The name must follow S3's bucket naming rules.
         */
        put: operations["createAdminBucket"];
        post?: never;
        /**
         * Delete an empty bucket
         * @description Refused (409) while the bucket holds objects, versions or delete markers, as DeleteBucket.
         */
        delete: operations["deleteAdminBucket"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/object/{bucket}": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        /**
         * One object's details, tags and versions
         * @description Everything stored about one object (the latest version, or `version_id`): its metadata,
         *     checksums, encryption, tags, Object Lock settings, and the key's versions and delete
         *     markers, newest first (at most 100).
         */
        get: operations["getAdminObject"];
        put?: never;
        post?: never;
        /**
         * Delete an object, or one version of it
         * @description As DeleteObject: without `version_id` a versioned bucket gets a delete marker; with it
         *     that version (or delete marker) is removed for good. Object Lock still applies (403).
         */
        delete: operations["deleteAdminObject"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/object/{bucket}/content": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        /**
         * An object's bytes, to download or preview
         * @description The bytes with the stored Content-Type, under `Content-Security-Policy: sandbox` and
         *     `nosniff`, so a stored page never runs as this server's. `disposition=attachment` (the
         *     default) names the key's last segment as the file name; `inline` is for previews, and
         *     `max_bytes` sends only the first bytes (the answer says `x-standin-truncated: true`). An
         *     object encrypted with a customer key (SSE-C) is not served (400): its key is needed.
         */
        get: operations["downloadAdminObject"];
        /**
         * Upload an object (the raw body, streamed)
         * @description Stores the request body as the object, streamed to disk as PutObject does, with the
         *     request's Content-Type (or `application/octet-stream`). Replaces an object of that key
         *     (a new version in a versioned bucket); the bucket's default encryption applies.
         */
        put: operations["uploadAdminObject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/events": {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live object changes (server-sent events)
         * @description One `change` event per committed object change (any client's: SDK, admin API, console),
         *     in commit order, with the S3 event name (`ObjectCreated:Put`, `ObjectRemoved:Delete`...),
         *     bucket, key, size, ETag, version id and sequencer; `bucket` keeps only that bucket's.
         *     The console lists without reloading from it. Never ends; heartbeats every 15 s.
         */
        get: operations["streamAdminEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The web console
         * @description An HTML page (static files under `/_console/`, no CDN) to browse buckets and folders,
         *     see an object's metadata, tags and versions, preview images, text and JSON, upload by
         *     drag and drop, download, delete, copy presigned URLs, and watch changes live. It talks
         *     only to the `/admin/...` operations and `/presigned-url`; `_console` can never be a
         *     bucket name. Under `S3_AUTH=strict` those answer 401 to the page's unsigned requests and
         *     the page says so. Served with `Content-Security-Policy: script-src 'self'`.
         */
        get: operations["getConsole"];
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
         * List buckets
         * @description Every bucket in name order, or a page of them with `max-buckets` (1-10000) and `continuation-token`; `prefix` and `bucket-region` filter.
         */
        get: operations["ListBuckets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * List objects (version 1)
         * @description Without `list-type=2`. Keys in UTF-8 binary order; `delimiter` rolls keys up into
         *     `CommonPrefixes`; `marker` continues after a key; `encoding-type=url` percent-encodes keys
         *     and prefixes in the answer.
         */
        get: operations["ListObjects"];
        /**
         * Create a bucket
         * @description The optional body names the region (`LocationConstraint`, answered by
         *     GetBucketLocation). `BucketAlreadyOwnedByYou` if it exists, `BucketAlreadyExists` if
         *     another account owns it, `InvalidBucketName` for a name S3 refuses or one of the reserved
         *     top-level names. `x-amz-object-ownership` sets its Object Ownership (default
         *     `S3_OBJECT_OWNERSHIP`); `x-amz-acl` / `x-amz-grant-*` its ACL where ACLs are enabled
         *     (`InvalidBucketAclWithObjectOwnership` where they are not). The bucket belongs to the
         *     caller's account, with every Block Public Access setting on, as on S3 since April 2023
         *     (a public ACL is then `InvalidBucketAclWithBlockPublicAccessError`), unless
         *     `S3_OBJECT_OWNERSHIP=ObjectWriter`.
         */
        put: operations["CreateBucket"];
        /**
         * Browser form upload
         * @description A `multipart/form-data` POST with `key`, an optional policy and its signature fields, and
         *     the `file` field last; answers 204, or `success_action_status` (200/201/204). A form
         *     without a policy is taken only where `S3_AUTH=open`, and from a web page (the request
         *     carries `Origin`) only where a bucket CORS rule allows that origin and `POST`
         *     (`403 AccessDenied` otherwise). Fields before the file are limited to 20 KB
         *     (`MaxPostPreDataLengthExceededError`), and so is a `file` part without a filename (what
         *     Node's FormData sends for a string), which S3 also takes as the file, `${filename}` left
         *     as written. A POST to a bucket that is neither a form nor
         *     `?delete` is `412 PreconditionFailed` ("Bucket POST must be of the enclosure-type
         *     multipart/form-data"), as on S3.
         */
        post: operations["PostObject"];
        /**
         * Delete an empty bucket
         * @description `BucketNotEmpty` (409) while it holds objects or unfinished multipart uploads.
         */
        delete: operations["DeleteBucket"];
        /**
         * CORS preflight
         * @description Answered from the bucket's CORS rules, as S3 does: `403 AccessForbidden` ("CORS is not
         *     enabled for this bucket.", or "Bucket not found" for a bucket that does not exist, with
         *     `ResourceType` BUCKET whatever the key) while it has none, and ("This CORS request is not allowed...")
         *     when no rule allows the origin, method and headers. `S3_CORS_DEFAULT=permissive` gives
         *     buckets without rules (and names no bucket has) one that allows any origin (answered `*`, so never with
         *     credentials), method and header.
         */
        options: operations["PreflightBucket"];
        /**
         * Check that a bucket exists
         * @description 404 without a body when it does not (HEAD responses have none).
         */
        head: operations["HeadBucket"];
        patch?: never;
        trace?: never;
    };
    "/{bucket}?list-type=2": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * List objects (version 2)
         * @description As ListObjects, with `continuation-token` (opaque, from `NextContinuationToken`),
         *     `start-after`, `fetch-owner` and `KeyCount`.
         */
        get: operations["ListObjectsV2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * List object versions
         * @description Every version and delete marker (`prefix`, `delimiter`, `key-marker`, `version-id-marker`,
         *     `max-keys`, `encoding-type=url`), keys in order and each key's versions newest first, with
         *     `IsLatest`. A bucket that never had versioning set lists each object once as version `null`.
         */
        get: operations["ListObjectVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?uploads": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * List unfinished multipart uploads
         * @description Uploads in progress, in key order (`prefix`, `delimiter`, `key-marker`,
         *     `upload-id-marker`, `max-uploads`, `encoding-type=url`). An `upload-id-marker` naming an
         *     upload of another key than `key-marker` is 400 `InvalidArgument` ("Invalid uploadId
         *     marker"), as on S3; one of no upload in progress lists on after `key-marker`'s newer uploads.
         */
        get: operations["ListMultipartUploads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?location": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * The bucket's region
         * @description The LocationConstraint given at creation; empty for `us-east-1`, as S3 answers.
         */
        get: operations["GetBucketLocation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?tagging": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read bucket tags
         * @description `NoSuchTagSet` when the bucket has none.
         */
        get: operations["GetBucketTagging"];
        /** Replace bucket tags */
        put: operations["PutBucketTagging"];
        post?: never;
        /** Remove bucket tags */
        delete: operations["DeleteBucketTagging"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?cors": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the bucket's CORS rules
         * @description `NoSuchCORSConfiguration` when none was put: the bucket then allows no cross-origin request (unless `S3_CORS_DEFAULT=permissive`).
         */
        get: operations["GetBucketCors"];
        /** Replace the bucket's CORS rules */
        put: operations["PutBucketCors"];
        post?: never;
        /** Remove the bucket's CORS rules */
        delete: operations["DeleteBucketCors"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?encryption": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /** Read the bucket's default encryption (SSE-S3, AES256, unless PutBucketEncryption set another, as on S3) */
        get: operations["GetBucketEncryption"];
        /** Set the bucket's default encryption (AES256 or aws:kms) */
        put: operations["PutBucketEncryption"];
        post?: never;
        /** Reset the bucket's default encryption to SSE-S3 (AES256), as S3 does */
        delete: operations["DeleteBucketEncryption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?versioning": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /** Read the versioning state */
        get: operations["GetBucketVersioning"];
        /**
         * Enable or suspend versioning
         * @description Enabled: every write makes a new version and a delete without `versionId` writes a delete
         *     marker. Suspended: writes and deletes replace the `null` version. The first time, existing
         *     objects become `null` versions. An Object Lock bucket cannot be suspended
         *     (`InvalidBucketState`).
         */
        put: operations["PutBucketVersioning"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?acl": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * The bucket's ACL
         * @description The owner and the grants, as put; the owner alone with FULL_CONTROL by default and whenever
         *     ACLs are disabled (Object Ownership "bucket owner enforced", S3's default since April 2023).
         *     Grantees are `CanonicalUser` or `Group` (AllUsers, AuthenticatedUsers, LogDelivery).
         */
        get: operations["GetBucketAcl"];
        /**
         * Set the bucket's ACL
         * @description A canned ACL (`x-amz-acl`), grant headers (`x-amz-grant-*`: `id=`, `uri=`) or an
         *     AccessControlPolicy document. With ACLs disabled only the owner-only ACL is accepted
         *     (else `AccessControlListNotSupported`); with Block Public Access `BlockPublicAcls`, a public
         *     ACL is `AccessDenied`. A grantee named by e-mail (`emailAddress=`, `EmailAddress`) is
         *     `405 MethodNotAllowed`, as on S3 since October 2025.
         */
        put: operations["PutBucketAcl"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?policy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the bucket policy
         * @description `NoSuchBucketPolicy` until one is put. The policy is served back as put, and enforced.
         */
        get: operations["GetBucketPolicy"];
        /**
         * Set the bucket policy (enforced)
         * @description Statements with Effect, Principal/NotPrincipal, Action/NotAction, Resource/NotResource
         *     (naming this bucket) and Condition operators, else `MalformedPolicy`. A public policy is
         *     `AccessDenied` while Block Public Access `BlockPublicPolicy` is on.
         */
        put: operations["PutBucketPolicy"];
        post?: never;
        /** Remove the bucket policy */
        delete: operations["DeleteBucketPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?policyStatus": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Whether the bucket is public
         * @description `NoSuchBucketPolicy` (404) for a bucket without a policy, as on S3.
         *     `IsPublic` is true when the bucket policy is public (an Allow for `*` not pinned by a
         *     condition such as `aws:SourceIp`), unless Block Public Access `RestrictPublicBuckets` is on,
         *     or when ACLs are enabled and the bucket ACL grants AllUsers or AuthenticatedUsers, unless
         *     `IgnorePublicAcls` is on.
         */
        get: operations["GetBucketPolicyStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the lifecycle configuration
         * @description `NoSuchLifecycleConfiguration` until one is put. The rules read back as put, in S3's element
         *     order, each with an `ID` (S3 makes one up for a rule put without).
         */
        get: operations["GetBucketLifecycleConfiguration"];
        /**
         * Store a lifecycle configuration (reported, never applied)
         * @description Checked as S3 checks it: 1 to 1000 rules, each `Enabled` or `Disabled`, with a `Filter` or
         *     the older rule-level `Prefix` and at least one action (`InvalidRequest`); IDs unique and at
         *     most 255 characters, expiration `Days` positive, dates at midnight UTC (`InvalidArgument`);
         *     anything off S3's schema is `MalformedXML`, and a refused configuration leaves the one
         *     before it in place. An object an enabled `Expiration` rule applies to (by prefix, tags and
         *     size) gets `x-amz-expiration: expiry-date="...", rule-id="..."` on PutObject, CopyObject,
         *     CompleteMultipartUpload, and GetObject and HeadObject without `versionId`: the earliest
         *     expiry, its days counted from the object's creation and rounded up to midnight UTC.
         *     Nothing is ever expired or transitioned.
         */
        put: operations["PutBucketLifecycleConfiguration"];
        post?: never;
        /** Remove the lifecycle configuration */
        delete: operations["DeleteBucketLifecycle"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?notification": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the event notification configuration
         * @description An empty `NotificationConfiguration` until one is put.
         */
        get: operations["GetBucketNotificationConfiguration"];
        /**
         * Send the bucket's object events to webhook destinations
         * @description Replaces the configuration (an empty one removes it). `QueueConfiguration`,
         *     `TopicConfiguration` and `CloudFunctionConfiguration` entries name a webhook destination by
         *     their ARN: `arn:minio:sqs::<ID>:webhook`, or an AWS queue, topic or function ARN whose last
         *     part is `<ID>`; `<ID>` is `standin` (the webhook receiver's `/webhooks/s3`) or one configured
         *     as `S3_NOTIFY_WEBHOOK_<ID>`. `EventBridgeConfiguration` sends every event to `standin` as an
         *     EventBridge message. Unknown events, filter rules other than one prefix and one suffix,
         *     overlapping entries, malformed ARNs and unconfigured destinations (unless
         *     `x-amz-skip-destination-validation: true`) are `InvalidArgument`. Saving queues S3's
         *     `s3:TestEvent` to each destination. Events are delivered from a durable outbox
         *     (`GET /admin/notifications`).
         */
        put: operations["PutBucketNotificationConfiguration"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?object-lock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the Object Lock configuration
         * @description `ObjectLockConfigurationNotFoundError` for a bucket without Object Lock.
         */
        get: operations["GetObjectLockConfiguration"];
        /**
         * Set the Object Lock configuration and its default retention
         * @description Buckets created with `x-amz-bucket-object-lock-enabled: true` have Object Lock; a bucket
         *     with versioning Enabled may get it (`InvalidBucketState` otherwise).
         */
        put: operations["PutObjectLockConfiguration"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?ownershipControls": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the bucket's Object Ownership
         * @description `OwnershipControlsNotFoundError` for a bucket without ownership controls (created under `S3_OBJECT_OWNERSHIP=ObjectWriter`, or after a delete).
         */
        get: operations["GetBucketOwnershipControls"];
        /**
         * Set the bucket's Object Ownership
         * @description One rule, `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`. Disabling ACLs while the bucket ACL grants others is `InvalidBucketAclWithObjectOwnership`.
         */
        put: operations["PutBucketOwnershipControls"];
        post?: never;
        /** Remove the ownership controls (ACLs enabled, objects owned by their writer) */
        delete: operations["DeleteBucketOwnershipControls"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?publicAccessBlock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read the bucket's Block Public Access settings
         * @description A bucket made by CreateBucket has all four on, as on S3 since April 2023 (none with `S3_OBJECT_OWNERSHIP=ObjectWriter`, nor the `S3_BUCKETS`); `NoSuchPublicAccessBlockConfiguration` once deleted, or for a bucket that never had them, until put.
         */
        get: operations["GetPublicAccessBlock"];
        /**
         * Set Block Public Access for the bucket
         * @description BlockPublicAcls refuses public ACLs (AccessDenied); IgnorePublicAcls ignores public grants;
         *     BlockPublicPolicy refuses public policies; RestrictPublicBuckets lets a public policy allow
         *     only the owner's account. A setting left out is false.
         */
        put: operations["PutPublicAccessBlock"];
        post?: never;
        /** Remove the bucket's Block Public Access settings */
        delete: operations["DeletePublicAccessBlock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?requestPayment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        /**
         * Read who pays for requests to the bucket
         * @description `BucketOwner` until `Requester` is put.
         */
        get: operations["GetBucketRequestPayment"];
        /**
         * Make the bucket Requester Pays, or not
         * @description `Requester` or `BucketOwner` (anything else is `MalformedXML`). Nothing is billed; as on S3,
         *     a Requester Pays bucket refuses anonymous requests, and requests from other accounts
         *     without `x-amz-request-payer: requester`, with `AccessDenied`.
         */
        put: operations["PutBucketRequestPayment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}?delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete up to 1000 objects
         * @description With `<Quiet>true</Quiet>` only errors are listed. Content-MD5 or an x-amz-checksum-* header is required, as in S3.
         */
        post: operations["DeleteObjects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /**
         * Read an object
         * @description A single `Range` answers 206 with `Content-Range` (416 `InvalidRange` outside the object, its error naming `RangeRequested` and `ActualObjectSize`;
         *     several ranges are ignored, 200); with `If-Range` the range applies only while its ETag or
         *     date still names the object, else the whole object is served; `partNumber` reads one part (416 `InvalidPartNumber` beyond the object's parts, naming `PartNumberRequested` and `ActualPartCount`; an object not uploaded in parts has one); `If-Match`, `If-None-Match`, `If-Modified-Since`,
         *     `If-Unmodified-Since` answer 304/412 as S3 does; `response-content-type` and the other
         *     `response-*` parameters override the response headers. In a bucket that never had
         *     versioning every object is version `null` (`versionId=null` names it; any other id is
         *     refused); in a versioned bucket so is an id the mock could not have issued, while one it
         *     no longer has is `NoSuchVersion`. A refused id is `InvalidArgument` here and on every
         *     object operation, and a `NoSuchVersion` entry in DeleteObjects' answer. Mock extra: a browser opening the object as a page
         *     (`Sec-Fetch-Dest: document`, `iframe`, `frame`, `embed`, `object`) gets
         *     `Content-Security-Policy: sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads`,
         *     so a stored HTML file runs in an origin of its own, not as a page of the mock's origin
         *     (which serves the console and the admin API); other clients get no such header.
         */
        get: operations["GetObject"];
        /**
         * Store an object
         * @description The body is the object, streamed. `Content-Type`, `Content-Encoding`,
         *     `Content-Disposition`, `Cache-Control`, `Expires`, `x-amz-meta-*` and
         *     `x-amz-website-redirect-location` (a path or an http(s) URL, else `InvalidRedirectLocation`;
         *     a copy keeps only the one its own request gives) round-trip exactly;
         *     the ETag is the body's MD5 (for SSE-C and SSE-KMS objects, as on S3, an opaque value of
         *     the same form that is no digest of the body). `Content-MD5` and `x-amz-checksum-*` are verified
         *     (`BadDigest`); aws-chunked bodies (signed or not, with trailing checksums) are decoded;
         *     `Expect: 100-continue` works (any other Expect is ignored, as S3 does); a plain body in
         *     HTTP chunked coding is 501 `NotImplemented`, as on S3; `x-amz-server-side-encryption` is stored and echoed (sent to a read, a listing or a multipart step,
         *     it is 400 `InvalidArgument`, as on S3); without it the bucket's default encryption applies,
         *     SSE-S3 (`AES256`) unless PutBucketEncryption set another, as S3 encrypts every new object;
         *     `If-None-Match: *` or `If-Match` (an ETag) makes the write conditional; both at once, `If-Match: *`
         *     and any other If-None-Match are 501 `NotImplemented`, as on S3. Mock extra: an unsigned `multipart/form-data` body (`curl -F file=@image.jpg`) stores its
         *     `file` part.
         */
        put: operations["PutObject"];
        /** Start a multipart upload (`?uploads`) */
        post: operations["CreateMultipartUpload"];
        /**
         * Delete an object
         * @description 204 whether or not the key existed, as S3.
         */
        delete: operations["DeleteObject"];
        /**
         * CORS preflight
         * @description As the bucket preflight.
         */
        options: operations["PreflightObject"];
        /**
         * Read an object's metadata
         * @description As GetObject without a body; errors are bare status codes (HEAD has no body).
         */
        head: operations["HeadObject"];
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?x-id=CopyObject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Copy an object (a PUT with `x-amz-copy-source`)
         * @description `x-amz-metadata-directive` COPY (default) or REPLACE; `x-amz-copy-source-if-*`
         *     conditions; copying an object onto itself needs REPLACE (or another change), as in S3.
         *     `If-None-Match: *` and `If-Match` make the write conditional, as on PutObject.
         */
        put: operations["CopyObject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?acl": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /** The object's ACL (its owner's alone unless one was put) */
        get: operations["GetObjectAcl"];
        /**
         * Set the object's ACL
         * @description As PutBucketAcl. `x-amz-acl` and `x-amz-grant-*` on PutObject, CopyObject, CreateMultipartUpload (applied at Complete) and the `acl` field of a POST form follow the same rules.
         */
        put: operations["PutObjectAcl"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?tagging": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /** Read object tags */
        get: operations["GetObjectTagging"];
        /** Replace object tags */
        put: operations["PutObjectTagging"];
        post?: never;
        /** Remove object tags */
        delete: operations["DeleteObjectTagging"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?retention": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /** Read a version's retention */
        get: operations["GetObjectRetention"];
        /**
         * Set a version's retention (GOVERNANCE or COMPLIANCE)
         * @description Extending is always allowed; shortening or removing a GOVERNANCE retention needs
         *     `x-amz-bypass-governance-retention: true`; a COMPLIANCE retention cannot be weakened.
         */
        put: operations["PutObjectRetention"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?legal-hold": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /** Read a version's legal hold */
        get: operations["GetObjectLegalHold"];
        /** Set a version's legal hold (ON or OFF) */
        put: operations["PutObjectLegalHold"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?attributes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /** Read selected object attributes */
        get: operations["GetObjectAttributes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore an archived (GLACIER, DEEP_ARCHIVE) object for some days
         * @description The restore finishes at once: HEAD and GET answer `x-amz-restore: ongoing-request="false",
         *     expiry-date="..."` (the expiry rounded up to midnight UTC) from then on. An object of
         *     another storage class is `403 InvalidObjectState`, as on AWS.
         */
        post: operations["RestoreObject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?partNumber&uploadId": {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Upload one part
         * @description The part's bytes, verified as PutObject's are. User metadata (`x-amz-meta-*`) and
         *     `x-amz-server-side-encryption` belong to CreateMultipartUpload: here they are 400
         *     `InvalidArgument`, as on S3.
         */
        put: operations["UploadPart"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?x-id=UploadPartCopy": {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        get?: never;
        /** Copy a part from an object (`x-amz-copy-source`, optional `x-amz-copy-source-range`) */
        put: operations["UploadPartCopy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{bucket}/{key}?uploadId": {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        /**
         * List the parts uploaded so far
         * @description `max-parts` and `part-number-marker` are integers from 0 to 2147483647; anything else is
         *     400 `InvalidArgument` in S3's words ("Argument part-number-marker must be an integer
         *     between 0 and 2147483647" for a negative one, "Provided part-number-marker not an integer
         *     or within integer range" otherwise).
         */
        get: operations["ListParts"];
        put?: never;
        /**
         * Assemble the parts into the object
         * @description Parts must be listed in ascending order (`InvalidPartOrder`) with their ETags
         *     (`InvalidPart`), one at least (`InvalidRequest`, after `NoSuchUpload` for an unknown upload);
         *     every part but the last must be at least 5 MiB (`EntityTooSmall`).
         *     The mock assembles before it answers, so errors come with their own status (S3 itself may
         *     also answer 200 with an Error body here; the SDKs handle both). `If-None-Match: *` and
         *     `If-Match` make the write conditional, as on PutObject. `x-amz-mp-object-size`, when
         *     sent, must be the sum of the listed parts' sizes (400 `InvalidRequest` otherwise, or when it
         *     is not a non-negative integer). User metadata (`x-amz-meta-*`)
         *     belongs to CreateMultipartUpload: here, as on UploadPart, it is 400 `InvalidArgument`.
         */
        post: operations["CompleteMultipartUpload"];
        /** Abandon an upload and its parts */
        delete: operations["AbortMultipartUpload"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        PresignedUrl: {
            /** @description The presigned URL; use it with exactly this method. */
            url: string;
            /** @enum {string} */
            method: "GET" | "PUT";
            bucket: string;
            key: string;
            /** @description Lifetime in seconds. */
            expires_in: number;
            /** Format: date-time */
            expires_at: string;
        };
        AdminBucket: {
            name: string;
            region: string;
            /** Format: date-time */
            created_at: string;
            object_count: number;
            total_bytes: number;
        };
        AdminBucketList: {
            buckets: components["schemas"]["AdminBucket"][];
        };
        AdminObject: {
            key: string;
            size: number;
            /** @description As S3 sends it, with quotes. */
            etag: string;
            /** Format: date-time */
            last_modified: string;
            content_type?: string;
            content_encoding?: string;
            content_disposition?: string;
            cache_control?: string;
            storage_class: string;
            /** @description User metadata (`x-amz-meta-*`, without the prefix). Values, and the Content-* and Cache-Control headers above, are the bytes stored read as UTF-8 where they are UTF-8 (botocore sends UTF-8), else one character per byte. */
            metadata: {
                [key: string]: string;
            };
            /** @enum {string} */
            server_side_encryption?: "AES256" | "aws:kms" | "aws:kms:dsse";
            kms_key_id?: string;
            /** @description Set when the object is encrypted with a customer key (SSE-C). */
            sse_customer_algorithm?: string;
            /** @description Stored checksums, base64, by algorithm. */
            checksums?: {
                [key: string]: string;
            };
            /** @enum {string} */
            checksum_type?: "FULL_OBJECT" | "COMPOSITE";
            /** @description Set once the bucket has versioning set (`null` for the null version). */
            version_id?: string;
            /** @enum {string} */
            object_lock_mode?: "GOVERNANCE" | "COMPLIANCE";
            /** Format: date-time */
            object_lock_retain_until?: string;
            /** @enum {string} */
            legal_hold?: "ON" | "OFF";
        };
        AdminTag: {
            key: string;
            value: string;
        };
        AdminVersion: {
            version_id: string;
            is_latest: boolean;
            delete_marker: boolean;
            /** @description Absent for a delete marker. */
            size?: number;
            /** @description Absent for a delete marker. */
            etag?: string;
            /** Format: date-time */
            last_modified: string;
        };
        AdminObjectDetails: {
            bucket: string;
            object: components["schemas"]["AdminObject"];
            tags: components["schemas"]["AdminTag"][];
            /** @description The key's versions and delete markers, newest first (a never-versioned bucket has one, `null`). */
            versions: components["schemas"]["AdminVersion"][];
            /** @description More versions exist than listed. */
            versions_truncated: boolean;
        };
        /** @description One committed object change (the data of a `change` event of `/admin/events`). */
        AdminChange: {
            /**
             * @description The S3 event name, without `s3:`.
             * @enum {string}
             */
            event_name: "ObjectCreated:Put" | "ObjectCreated:Post" | "ObjectCreated:Copy" | "ObjectCreated:CompleteMultipartUpload" | "ObjectRemoved:Delete" | "ObjectRemoved:DeleteMarkerCreated" | "ObjectTagging:Put" | "ObjectTagging:Delete" | "ObjectAcl:Put" | "ObjectRestore:Post" | "ObjectRestore:Completed";
            bucket: string;
            key: string;
            /** @description Absent for removals. */
            size?: number;
            /** @description Absent for removals. */
            etag?: string;
            version_id?: string;
            /** @description Hex, increasing with each change (S3's sequencer). */
            sequencer: string;
            /** Format: date-time */
            time: string;
        };
        AdminDeleteResult: {
            key: string;
            /** @description The version removed, or the delete marker written (versioned buckets). */
            version_id?: string;
            delete_marker: boolean;
        };
        AdminObjectList: {
            bucket: string;
            prefix?: string;
            delimiter?: string;
            /** @description Objects and folders on this page. */
            count: number;
            is_truncated: boolean;
            /** @description The folders on this page (with `delimiter`), in key order. */
            common_prefixes: string[];
            /** @description Pass as `start_after` for the next page. */
            next_start_after?: string;
            objects: components["schemas"]["AdminObject"][];
        };
        AdminNotificationList: {
            counts: {
                pending: number;
                delivered: number;
                failed: number;
            };
            /** @description The webhook destinations (`STANDIN` and each `S3_NOTIFY_WEBHOOK_<ID>`). */
            destinations: {
                id: string;
                url: string;
                /** @enum {string} */
                format: "records" | "eventbridge";
            }[];
            notifications: components["schemas"]["AdminNotification"][];
        };
        AdminNotification: {
            /** @description Outbox order: the order the changes committed. */
            id: number;
            /** @description The `webhook-id` of every attempt. */
            message_id: string;
            destination: string;
            /** @enum {string} */
            format: "records" | "eventbridge";
            bucket: string;
            /** @description Empty for an s3:TestEvent. */
            key: string;
            /** @description As in the message (`ObjectCreated:Put`), or `s3:TestEvent`. */
            event_name: string;
            sequencer?: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description While pending, unless it waits for an earlier pending notification of its destination and key, which goes first.
             */
            next_attempt_at?: string;
            /** Format: date-time */
            last_attempt_at?: string;
            /** @description The destination's last HTTP status, if it answered. */
            last_status?: number;
            /** @description Why the last attempt failed. */
            last_error?: string;
        };
        ResetResult: {
            /** @enum {string} */
            status: "reset";
            /** @description The buckets recreated from `S3_BUCKETS`. */
            buckets: string[];
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
        /** @description The state of the bucket or object forbids it; `code` is S3's error code. */
        AdminConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/conflict",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "BucketNotEmpty: The bucket you tried to delete is not empty",
                 *       "instance": "/admin/buckets/test-bucket",
                 *       "code": "BucketNotEmpty"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `S3_AUTH=strict` and the request carries no signature. */
        SignatureRequired: {
            headers: {
                /** @example AWS4-HMAC-SHA256 */
                "WWW-Authenticate"?: "AWS4-HMAC-SHA256";
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/unauthorized",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "S3_AUTH=strict: sign the request with SigV4 and a key of S3_CREDENTIALS, as the AWS SDKs sign S3 requests (or use a presigned URL)",
                 *       "instance": "/admin/buckets"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The S3 authenticator refused the signature; `code` is its S3 error code. */
        SignatureRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/forbidden",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "detail": "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                 *       "instance": "/admin/reset",
                 *       "code": "SignatureDoesNotMatch"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An S3 error document; the code decides the status (one table in the server). */
        S3Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>photos/a.jpg</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>cmVxdWVzdC1ob3N0LWlk</HostId></Error>
                 */
                "application/xml": string;
            };
        };
        /**
         * @description `NotImplemented`: a header asks for what S3 does not do, such as an If-None-Match other
         *     than `*`, `If-Match: *`, or both of them, on a write (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html).
         */
        NotImplemented: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <Error><Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented</Message><Header>If-None-Match</Header><additionalMessage>We don&apos;t accept the provided value of If-None-Match header for this API</additionalMessage><RequestId>4442587FB7D0A2F9</RequestId><HostId>cmVxdWVzdC1ob3N0LWlk</HostId></Error>
                 */
                "application/xml": string;
            };
        };
        /** @description An S3 result document. */
        XmlDocument: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>test-bucket</Bucket><Key>big.bin</Key><UploadId>VXBsb2FkSWQ</UploadId><IsTruncated>false</IsTruncated></ListPartsResult>
                 */
                "application/xml": string;
            };
        };
        /** @description The owner and the grants (here the default, the owner with FULL_CONTROL). */
        AccessControlPolicy: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>
                 */
                "application/xml": string;
            };
        };
        /** @description The lifecycle configuration as put, each rule with its ID. */
        LifecycleConfiguration: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>expire-tmp</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>
                 */
                "application/xml": string;
            };
        };
        /** @description The tag set. */
        Tagging: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>project</Key><Value>standin</Value></Tag></TagSet></Tagging>
                 */
                "application/xml": string;
            };
        };
        /** @description Every bucket. */
        ListAllMyBucketsResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets><Bucket><Name>test-bucket</Name><CreationDate>2026-01-02T03:04:05.000Z</CreationDate></Bucket></Buckets><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner></ListAllMyBucketsResult>
                 */
                "application/xml": string;
            };
        };
        /** @description One page of keys and common prefixes. */
        ListBucketResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>test-bucket</Name><Prefix>photos/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated><Contents><Key>photos/a.jpg</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"9b2cf535f27731c974343645a3985328"</ETag><Size>53211</Size><StorageClass>STANDARD</StorageClass></Contents><CommonPrefixes><Prefix>photos/2024/</Prefix></CommonPrefixes></ListBucketResult>
                 */
                "application/xml": string;
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
        /** @example test-bucket */
        AdminBucket: string;
        /**
         * @description The object key; may contain `/`.
         * @example photos/image.jpg
         */
        AdminKey: string;
        /**
         * @description A version of the object (`null` for the null version); the latest when absent.
         * @example null
         */
        AdminVersionId: string;
        /**
         * @description Presigned requests only (scheme `awsSigV4`).
         * @example AWS4-HMAC-SHA256
         */
        XAmzAlgorithm: "AWS4-HMAC-SHA256";
        /**
         * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
         * @example test-key/20260102/us-east-1/s3/aws4_request
         */
        XAmzCredential: string;
        /**
         * @description Presigned requests only; when the URL was signed.
         * @example 20260102T030405Z
         */
        XAmzDate: string;
        /**
         * @description Presigned requests only; lifetime in seconds (at most 7 days).
         * @example 3600
         */
        XAmzExpires: string;
        /**
         * @description Presigned requests only; must include `host`.
         * @example host
         */
        XAmzSignedHeaders: string;
        /**
         * @description Presigned requests only.
         * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
         */
        XAmzSignature: string;
        /**
         * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
         * @example UNSIGNED-PAYLOAD
         */
        XAmzContentSha256: string;
        /**
         * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
         *     style it is the first label of the Host header instead.
         * @example test-bucket
         */
        Bucket: string;
        /**
         * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
         *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
         *     literal plus.
         * @example photos/2024/image.jpg
         */
        Key: string;
        /** @example photos/ */
        Prefix: string;
        /** @example / */
        Delimiter: string;
        /** @example 100 */
        MaxKeys: number;
        /** @example url */
        EncodingType: "url";
        /**
         * @description The query flag in the path key, sent without a value (`?versions`, `?uploads`).
         * @example
         */
        Flag: string;
        /** @example VXBsb2FkSWQ */
        UploadId: string;
        /** @example 1 */
        PartNumber: number;
    };
    requestBodies: {
        /** @description An ACL document (optional when `x-amz-acl` names a canned ACL). */
        AccessControlPolicy: {
            content: {
                /** @example <AccessControlPolicy><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy> */
                "application/xml": string;
            };
        };
        Tagging: {
            content: {
                /** @example <Tagging><TagSet><Tag><Key>project</Key><Value>standin</Value></Tag></TagSet></Tagging> */
                "application/xml": string;
            };
        };
    };
    headers: {
        /**
         * @description S3's request id, on every response of this server.
         * @example 4442587FB7D0A2F9
         */
        RequestId: string;
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
    getPresignedUrl: {
        parameters: {
            query: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /** @example test-bucket */
                bucket: string;
                /**
                 * @description The object key; may contain `/`.
                 * @example image.jpg
                 */
                key: string;
                /**
                 * @description Lifetime in seconds (S3 allows at most 7 days).
                 * @example 3600
                 */
                expires_in?: number;
                /**
                 * @description The HTTP method the URL is for.
                 * @example GET
                 */
                method?: "GET" | "PUT";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The presigned URL. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "url": "http://localhost:9000/test-bucket/image.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=test-key%2F20260102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260102T030405Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
                     *       "method": "GET",
                     *       "bucket": "test-bucket",
                     *       "key": "image.jpg",
                     *       "expires_in": 3600,
                     *       "expires_at": "2026-01-02T04:04:05.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PresignedUrl"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
        };
    };
    listAdminBuckets: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every bucket, by name. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "buckets": [
                     *         {
                     *           "name": "test-bucket",
                     *           "region": "us-east-1",
                     *           "created_at": "2026-01-02T03:04:05.000Z",
                     *           "object_count": 2,
                     *           "total_bytes": 53211
                     *         },
                     *         {
                     *           "name": "test-uploads",
                     *           "region": "us-east-1",
                     *           "created_at": "2026-01-02T03:04:05.000Z",
                     *           "object_count": 0,
                     *           "total_bytes": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AdminBucketList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
        };
    };
    listAdminObjects: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /**
                 * @description Only keys that begin with this.
                 * @example photos/
                 */
                prefix?: string;
                /**
                 * @description Roll keys up to the first delimiter after the prefix into `common_prefixes` (folders),
                 *     as S3's ListObjects does; folders count toward `limit`.
                 * @example /
                 */
                delimiter?: string;
                /**
                 * @description List entries after this one: the `next_start_after` of the previous page (a key, or a
                 *     folder whose keys are then skipped), the continuation token of this listing.
                 * @example photos/a.jpg
                 */
                start_after?: string;
                /** @example 100 */
                limit?: number;
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The objects, in key order (UTF-8 byte order, as S3 lists). */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "bucket": "test-bucket",
                     *       "prefix": "photos/",
                     *       "delimiter": "/",
                     *       "count": 1,
                     *       "is_truncated": false,
                     *       "common_prefixes": [],
                     *       "objects": [
                     *         {
                     *           "key": "photos/image.jpg",
                     *           "size": 53211,
                     *           "etag": "\"9b2cf535f27731c974343645a3985328\"",
                     *           "last_modified": "2026-01-02T03:04:05.000Z",
                     *           "content_type": "image/jpeg",
                     *           "storage_class": "STANDARD",
                     *           "metadata": {
                     *             "owner": "alice"
                     *           },
                     *           "server_side_encryption": "AES256"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AdminObjectList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
        };
    };
    resetStorage: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything was deleted; these buckets were recreated. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "reset",
                     *       "buckets": [
                     *         "test-bucket",
                     *         "test-uploads"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ResetResult"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
        };
    };
    listAdminNotifications: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /** @example failed */
                status?: "pending" | "delivered" | "failed";
                /** @example test-bucket */
                bucket?: string;
                /** @example 50 */
                limit?: number;
                /** @example 0 */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts by status, the destinations, and one page of notifications. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "counts": {
                     *         "pending": 0,
                     *         "delivered": 2,
                     *         "failed": 0
                     *       },
                     *       "destinations": [
                     *         {
                     *           "id": "STANDIN",
                     *           "url": "http://localhost:4000/webhooks/s3",
                     *           "format": "records"
                     *         }
                     *       ],
                     *       "notifications": [
                     *         {
                     *           "id": 2,
                     *           "message_id": "msg_1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
                     *           "destination": "STANDIN",
                     *           "format": "records",
                     *           "bucket": "test-bucket",
                     *           "key": "images/cat.jpg",
                     *           "event_name": "ObjectCreated:Put",
                     *           "sequencer": "00063F2A1B2C3D4E",
                     *           "status": "delivered",
                     *           "attempts": 1,
                     *           "created_at": "2026-01-02T03:04:05.000Z",
                     *           "last_attempt_at": "2026-01-02T03:04:05.020Z",
                     *           "last_status": 200
                     *         },
                     *         {
                     *           "id": 1,
                     *           "message_id": "msg_0a8c5abc-aaec-4a1c-8a4c-9a7ceaac3adc",
                     *           "destination": "STANDIN",
                     *           "format": "records",
                     *           "bucket": "test-bucket",
                     *           "key": "",
                     *           "event_name": "s3:TestEvent",
                     *           "status": "delivered",
                     *           "attempts": 1,
                     *           "created_at": "2026-01-02T03:04:04.000Z",
                     *           "last_attempt_at": "2026-01-02T03:04:04.015Z",
                     *           "last_status": 200
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AdminNotificationList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
        };
    };
    createAdminBucket: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bucket was created. */
            201: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "console-demo",
                     *       "region": "us-east-1",
                     *       "created_at": "2026-01-02T03:04:05.000Z",
                     *       "object_count": 0,
                     *       "total_bytes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["AdminBucket"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            409: components["responses"]["AdminConflict"];
        };
    };
    deleteAdminBucket: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bucket is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
            409: components["responses"]["AdminConflict"];
        };
    };
    getAdminObject: {
        parameters: {
            query: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /**
                 * @description The object key; may contain `/`.
                 * @example photos/image.jpg
                 */
                key: components["parameters"]["AdminKey"];
                /**
                 * @description A version of the object (`null` for the null version); the latest when absent.
                 * @example null
                 */
                version_id?: components["parameters"]["AdminVersionId"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "bucket": "test-bucket",
                     *       "object": {
                     *         "key": "photos/image.jpg",
                     *         "size": 53211,
                     *         "etag": "\"9b2cf535f27731c974343645a3985328\"",
                     *         "last_modified": "2026-01-02T03:04:05.000Z",
                     *         "content_type": "image/jpeg",
                     *         "storage_class": "STANDARD",
                     *         "metadata": {
                     *           "owner": "alice"
                     *         },
                     *         "server_side_encryption": "AES256",
                     *         "checksums": {
                     *           "crc32": "AAAAAA=="
                     *         }
                     *       },
                     *       "tags": [
                     *         {
                     *           "key": "project",
                     *           "value": "standin"
                     *         }
                     *       ],
                     *       "versions": [
                     *         {
                     *           "version_id": "null",
                     *           "is_latest": true,
                     *           "delete_marker": false,
                     *           "size": 53211,
                     *           "etag": "\"9b2cf535f27731c974343645a3985328\"",
                     *           "last_modified": "2026-01-02T03:04:05.000Z"
                     *         }
                     *       ],
                     *       "versions_truncated": false
                     *     }
                     */
                    "application/json": components["schemas"]["AdminObjectDetails"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
        };
    };
    deleteAdminObject: {
        parameters: {
            query: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /**
                 * @description The object key; may contain `/`.
                 * @example photos/image.jpg
                 */
                key: components["parameters"]["AdminKey"];
                /**
                 * @description A version of the object (`null` for the null version); the latest when absent.
                 * @example null
                 */
                version_id?: components["parameters"]["AdminVersionId"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the delete did. */
            200: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "photos/image.jpg",
                     *       "delete_marker": false
                     *     }
                     */
                    "application/json": components["schemas"]["AdminDeleteResult"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
        };
    };
    downloadAdminObject: {
        parameters: {
            query: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /**
                 * @description The object key; may contain `/`.
                 * @example photos/image.jpg
                 */
                key: components["parameters"]["AdminKey"];
                /**
                 * @description A version of the object (`null` for the null version); the latest when absent.
                 * @example null
                 */
                version_id?: components["parameters"]["AdminVersionId"];
                /** @example attachment */
                disposition?: "attachment" | "inline";
                /**
                 * @description Send at most this many bytes from the start.
                 * @example 65536
                 */
                max_bytes?: number;
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object's bytes. */
            200: {
                headers: {
                    /** @example attachment; filename="image.jpg"; filename*=UTF-8''image.jpg */
                    "content-disposition"?: string;
                    /** @description `true` when `max_bytes` cut the answer short. */
                    "x-standin-truncated"?: "true" | "false";
                    [name: string]: unknown;
                };
                content: {
                    /** @example not really a JPEG, but an object */
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
        };
    };
    uploadAdminObject: {
        parameters: {
            query: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /**
                 * @description The object key; may contain `/`.
                 * @example photos/image.jpg
                 */
                key: components["parameters"]["AdminKey"];
            };
            header?: never;
            path: {
                /** @example test-bucket */
                bucket: components["parameters"]["AdminBucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example hello from the console */
                "*/*": string;
            };
        };
        responses: {
            /** @description The object stored. */
            201: {
                headers: {
                    "x-amz-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "photos/image.jpg",
                     *       "size": 22,
                     *       "etag": "\"5d41402abc4b2a76b9719d911017c592\"",
                     *       "last_modified": "2026-01-02T03:04:05.000Z",
                     *       "content_type": "text/plain",
                     *       "storage_class": "STANDARD",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["AdminObject"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
            404: components["responses"]["Problem"];
        };
    };
    streamAdminEvents: {
        parameters: {
            query?: {
                /**
                 * @description Presigned requests only (scheme `awsSigV4`).
                 * @example AWS4-HMAC-SHA256
                 */
                "X-Amz-Algorithm"?: components["parameters"]["XAmzAlgorithm"];
                /**
                 * @description Presigned requests only; `<access key>/<date>/<region>/s3/aws4_request`.
                 * @example test-key/20260102/us-east-1/s3/aws4_request
                 */
                "X-Amz-Credential"?: components["parameters"]["XAmzCredential"];
                /**
                 * @description Presigned requests only; when the URL was signed.
                 * @example 20260102T030405Z
                 */
                "X-Amz-Date"?: components["parameters"]["XAmzDate"];
                /**
                 * @description Presigned requests only; lifetime in seconds (at most 7 days).
                 * @example 3600
                 */
                "X-Amz-Expires"?: components["parameters"]["XAmzExpires"];
                /**
                 * @description Presigned requests only; must include `host`.
                 * @example host
                 */
                "X-Amz-SignedHeaders"?: components["parameters"]["XAmzSignedHeaders"];
                /**
                 * @description Presigned requests only.
                 * @example 6c8e3f0b2f4c1f1f9a3d7d8f1a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c
                 */
                "X-Amz-Signature"?: components["parameters"]["XAmzSignature"];
                /**
                 * @description Presigned requests only, as @aws-sdk/s3-request-presigner adds it.
                 * @example UNSIGNED-PAYLOAD
                 */
                "X-Amz-Content-Sha256"?: components["parameters"]["XAmzContentSha256"];
                /** @example test-bucket */
                bucket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 0006123456789ABC
                     *     event: change
                     *     data: {"event_name":"ObjectCreated:Put","bucket":"test-bucket","key":"photos/image.jpg","size":53211,"etag":"\"9b2cf535f27731c974343645a3985328\"","sequencer":"0006123456789ABC","time":"2026-01-02T03:04:05.000Z"}
                     */
                    "text/event-stream": string;
                };
            };
            401: components["responses"]["SignatureRequired"];
            403: components["responses"]["SignatureRefused"];
        };
    };
    getConsole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The console page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><title>S3 console · standin</title></head><body>...</body></html> */
                    "text/html": string;
                };
            };
        };
    };
    ListBuckets: {
        parameters: {
            query?: {
                /** @example 100 */
                "max-buckets"?: number;
                /**
                 * @description The `ContinuationToken` of the previous page.
                 * @example cGFnZS1i
                 */
                "continuation-token"?: string;
                /** @example test- */
                prefix?: string;
                /** @example eu-west-1 */
                "bucket-region"?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListAllMyBucketsResult"];
            403: components["responses"]["S3Error"];
        };
    };
    ListObjects: {
        parameters: {
            query?: {
                /** @example photos/ */
                prefix?: components["parameters"]["Prefix"];
                /** @example / */
                delimiter?: components["parameters"]["Delimiter"];
                /** @example 100 */
                "max-keys"?: components["parameters"]["MaxKeys"];
                /** @example url */
                "encoding-type"?: components["parameters"]["EncodingType"];
                /** @example photos/2024/a.jpg */
                marker?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListBucketResult"];
            404: components["responses"]["S3Error"];
        };
    };
    CreateBucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Created; `Location` names the bucket. */
            200: {
                headers: {
                    /** @example /photos */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            409: components["responses"]["S3Error"];
        };
    };
    PostObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "key": "uploads/${filename}",
                 *       "file": "(binary)"
                 *     }
                 */
                "multipart/form-data": {
                    key: string;
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Stored. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            403: components["responses"]["S3Error"];
            412: components["responses"]["S3Error"];
        };
    };
    DeleteBucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["S3Error"];
            409: components["responses"]["S3Error"];
        };
    };
    PreflightBucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Allowed; the Access-Control-Allow-* headers say what. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["S3Error"];
        };
    };
    HeadBucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bucket exists; `x-amz-bucket-region` names its region. */
            200: {
                headers: {
                    /** @example us-east-1 */
                    "x-amz-bucket-region"?: string;
                    /**
                     * @description Always `false`; buckets are addressed by name, not through access point aliases.
                     * @example false
                     */
                    "x-amz-access-point-alias"?: "false";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such bucket. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ListObjectsV2: {
        parameters: {
            query: {
                /** @example 2 */
                "list-type": "2";
                /** @example photos/ */
                prefix?: components["parameters"]["Prefix"];
                /** @example / */
                delimiter?: components["parameters"]["Delimiter"];
                /** @example 100 */
                "max-keys"?: components["parameters"]["MaxKeys"];
                /** @example url */
                "encoding-type"?: components["parameters"]["EncodingType"];
                /**
                 * @description The previous page's `NextContinuationToken`, which overrides `start-after` (then not echoed), as on S3. Any other value, empty too, is `InvalidArgument`.
                 * @example cGhvdG9zLzIwMjQvYS5qcGc=
                 */
                "continuation-token"?: string;
                /** @example photos/2024/a.jpg */
                "start-after"?: string;
                /** @example true */
                "fetch-owner"?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListBucketResult"];
            404: components["responses"]["S3Error"];
        };
    };
    ListObjectVersions: {
        parameters: {
            query?: {
                /**
                 * @description The query flag in the path key, sent without a value (`?versions`, `?uploads`).
                 * @example
                 */
                flag?: components["parameters"]["Flag"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    ListMultipartUploads: {
        parameters: {
            query?: {
                /**
                 * @description The query flag in the path key, sent without a value (`?versions`, `?uploads`).
                 * @example
                 */
                flag?: components["parameters"]["Flag"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketLocation: {
        parameters: {
            query?: {
                /**
                 * @description The query flag in the path key, sent without a value (`?versions`, `?uploads`).
                 * @example
                 */
                flag?: components["parameters"]["Flag"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The region. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Tagging"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Tagging"];
        responses: {
            /** @description Stored. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketCors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketCors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <CORSConfiguration><CORSRule><AllowedOrigin>http://localhost:3000</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketCors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketEncryption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketEncryption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketEncryption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketVersioning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketVersioning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    GetBucketAcl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AccessControlPolicy"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketAcl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["AccessControlPolicy"];
        responses: {
            /** @description Accepted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            405: components["responses"]["S3Error"];
        };
    };
    GetBucketPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy as put. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::test-bucket/*"}]} */
                    "application/json": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::test-bucket/*"}]} */
                "application/json": string;
            };
        };
        responses: {
            /** @description Stored. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketPolicyStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <PolicyStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsPublic>false</IsPublic></PolicyStatus>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketLifecycleConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LifecycleConfiguration"];
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketLifecycleConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <LifecycleConfiguration><Rule><ID>expire-tmp</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketLifecycle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketNotificationConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration, with the Id S3 gave each entry that had none and filter rule names as `Prefix` / `Suffix`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><QueueConfiguration><Id>new-images</Id><Queue>arn:minio:sqs::standin:webhook</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketNotificationConfiguration: {
        parameters: {
            query?: never;
            header?: {
                "x-amz-skip-destination-validation"?: "true" | "false";
            };
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <NotificationConfiguration><QueueConfiguration><Id>new-images</Id><Queue>arn:minio:sqs::standin:webhook</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored; an s3:TestEvent is queued for each destination. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            404: components["responses"]["S3Error"];
        };
    };
    GetObjectLockConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutObjectLockConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    GetBucketOwnershipControls: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ownership controls. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketOwnershipControls: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteBucketOwnershipControls: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetPublicAccessBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The four settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    PutPublicAccessBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeletePublicAccessBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetBucketRequestPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <RequestPaymentConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Payer>BucketOwner</Payer></RequestPaymentConfiguration>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    PutBucketRequestPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteObjects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <Delete><Quiet>false</Quiet><Object><Key>a.jpg</Key></Object><Object><Key>photos/b.jpg</Key></Object></Delete> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description What was deleted, and each failure. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Deleted><Key>a.jpg</Key></Deleted><Deleted><Key>photos/b.jpg</Key></Deleted></DeleteResult>
                     */
                    "application/xml": string;
                };
            };
            400: components["responses"]["S3Error"];
        };
    };
    GetObject: {
        parameters: {
            query?: {
                /** @example null */
                versionId?: "null";
                /** @example image/png */
                "response-content-type"?: string;
                /** @example attachment; filename="image.jpg" */
                "response-content-disposition"?: string;
                /** @example 1 */
                partNumber?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object's bytes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example (binary) */
                    "application/octet-stream": string;
                };
            };
            /** @description The requested range. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example (binary) */
                    "application/octet-stream": string;
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["S3Error"];
            412: components["responses"]["S3Error"];
            416: components["responses"]["S3Error"];
        };
    };
    PutObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example (binary) */
                "application/octet-stream": string;
                /**
                 * @example {
                 *       "file": "(binary)"
                 *     }
                 */
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    /** @example "9b2cf535f27731c974343645a3985328" */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            403: components["responses"]["S3Error"];
            404: components["responses"]["S3Error"];
            501: components["responses"]["NotImplemented"];
        };
    };
    CreateMultipartUpload: {
        parameters: {
            query: {
                /** @example  */
                uploads: string;
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>test-bucket</Bucket><Key>big.bin</Key><UploadId>VXBsb2FkSWQ</UploadId></InitiateMultipartUploadResult>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
        };
    };
    DeleteObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted (or was never there). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["S3Error"];
        };
    };
    PreflightObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Allowed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["S3Error"];
        };
    };
    HeadObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object's headers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CopyObject: {
        parameters: {
            query?: never;
            header: {
                /** @example /test-bucket/photos/a.jpg */
                "x-amz-copy-source": string;
            };
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Copied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"9b2cf535f27731c974343645a3985328"</ETag></CopyObjectResult>
                     */
                    "application/xml": string;
                };
            };
            404: components["responses"]["S3Error"];
            412: components["responses"]["S3Error"];
            501: components["responses"]["NotImplemented"];
        };
    };
    GetObjectAcl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AccessControlPolicy"];
            404: components["responses"]["S3Error"];
        };
    };
    PutObjectAcl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["AccessControlPolicy"];
        responses: {
            /** @description Accepted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
            405: components["responses"]["S3Error"];
        };
    };
    GetObjectTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Tagging"];
            404: components["responses"]["S3Error"];
        };
    };
    PutObjectTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Tagging"];
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    DeleteObjectTagging: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
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
            404: components["responses"]["S3Error"];
        };
    };
    GetObjectRetention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutObjectRetention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z</RetainUntilDate></Retention> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["S3Error"];
        };
    };
    GetObjectLegalHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    PutObjectLegalHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <LegalHold><Status>ON</Status></LegalHold> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["S3Error"];
        };
    };
    GetObjectAttributes: {
        parameters: {
            query?: never;
            header: {
                /** @example ETag,ObjectSize,Checksum */
                "x-amz-object-attributes": string;
            };
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    RestoreObject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <RestoreRequest><Days>2</Days><GlacierJobParameters><Tier>Standard</Tier></GlacierJobParameters></RestoreRequest> */
                "application/xml": string;
            };
        };
        responses: {
            /** @description The object was restored already; its copy now expires later. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Restored. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["S3Error"];
        };
    };
    UploadPart: {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
                /** @example 1 */
                partNumber: components["parameters"]["PartNumber"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example (binary) */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored; `ETag` is the part's MD5. */
            200: {
                headers: {
                    /** @example "b54357faf0632cce46e942fa68356b38" */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["S3Error"];
            501: components["responses"]["NotImplemented"];
        };
    };
    UploadPartCopy: {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
                /** @example 1 */
                partNumber: components["parameters"]["PartNumber"];
            };
            header: {
                /** @example /test-bucket/big.bin */
                "x-amz-copy-source": string;
            };
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    ListParts: {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["XmlDocument"];
            404: components["responses"]["S3Error"];
        };
    };
    CompleteMultipartUpload: {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example <CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"b54357faf0632cce46e942fa68356b38"</ETag></Part></CompleteMultipartUpload> */
                "application/xml": string;
            };
        };
        responses: {
            200: components["responses"]["XmlDocument"];
            400: components["responses"]["S3Error"];
            501: components["responses"]["NotImplemented"];
        };
    };
    AbortMultipartUpload: {
        parameters: {
            query: {
                /** @example VXBsb2FkSWQ */
                uploadId: components["parameters"]["UploadId"];
            };
            header?: never;
            path: {
                /**
                 * @description The bucket (3-63 characters: lower-case letters, digits, dots, hyphens). In virtual-host
                 *     style it is the first label of the Host header instead.
                 * @example test-bucket
                 */
                bucket: components["parameters"]["Bucket"];
                /**
                 * @description The object key: everything after the bucket, percent-decoded once. It may contain `/`
                 *     (so it spans several path segments, which OpenAPI templates cannot express); `+` is a
                 *     literal plus.
                 * @example photos/2024/image.jpg
                 */
                key: components["parameters"]["Key"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Aborted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["S3Error"];
        };
    };
}
