// Generated from openapi/webhook-receiver.yaml by `npm run codegen`. Do not edit.

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
         * The live dashboard
         * @description An HTML page (static files, no CDN) listing events live through `GET /webhooks/stream`,
         *     with filters, each event's headers, pretty body, signature verdict, payload check and
         *     forwards, replay, edit-and-resend and delete, the forwarding queue, a test-event sender,
         *     and per-client settings. Served with `Content-Security-Policy: script-src 'self'`;
         *     every value from a request is rendered as text.
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
    "/webhooks/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a webhook
         * @description Stores the body byte for byte (any content type, up to `WEBHOOK_MAX_BODY`, default 1 MiB)
         *     with its headers, verifies the signature, and answers with the event id once the event is
         *     committed. The client's response settings (`PUT /webhooks/clients/{client_id}`) can delay
         *     the answer, change its status, or fail a share of deliveries with 500, to exercise a
         *     sender's retry logic; those deliveries are recorded too (outcome `failed`). The signature
         *     headers of each scheme are listed in the description at the top.
         */
        post: operations["receiveWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events, newest first
         * @description Filters combine. Page with `limit`/`offset`, or pass the previous page's `next_cursor`
         *     as `cursor` for pages that stay put while new events arrive.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        /** Delete all events, or one client's */
        delete: operations["deleteEvents"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export events as NDJSON
         * @description One event per line, newest first, streamed; the same filters as the list.
         */
        get: operations["exportEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event, with its signature verdict and replays */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        /** Delete one event, with its replays */
        delete: operations["deleteEvent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events/{event_id}/body": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The body exactly as received
         * @description Sent as a download (`application/octet-stream`), never rendered.
         */
        get: operations["getEventBody"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/replay/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-send an event to another URL
         * @description POSTs the stored body to `target_url`, re-signed with the original client's scheme and
         *     secret (a Standard Webhooks replay keeps the original `webhook-id`), and records the
         *     status, latency and the first 500 characters of the answer. Only an event verified with
         *     the secret the client has now is re-signed (409 otherwise): signing any stored body would
         *     sign anything for anyone. `include_signature=false` replays any event, unsigned. Only http(s); only loopback hosts and those in
         *     `WEBHOOK_REPLAY_ALLOW`. Redirects are followed only within the same host (307/308).
         *     Gives up after `WEBHOOK_REPLAY_TIMEOUT_MS` (default 10 s).
         */
        post: operations["replayEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events/{event_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Edit an event and send it again
         * @description Sends the event's body and headers, or edited ones, to `target_url`, and records the
         *     answer as a new attempt of the event (`replays`, kind `resend`). Any signature header is
         *     replaced: `signing` `signed` signs with the client's scheme (or `scheme`) and its own
         *     secret, `unsigned` sends none, `wrong` signs with a random secret so the app's refusal can
         *     be tested. The headers sent are never returned. A client on `WEBHOOK_SECRET` re-signs
         *     only the body as received of an event verified with it (409 otherwise): signing bodies
         *     the caller chose with the secret the image API signs with too would sign anything for
         *     anyone; give the client its own secret for that. Targets as for replays; redirects are
         *     the answer, not followed.
         */
        post: operations["resendEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals, per client, per event type, per status, and the recent rate */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live changes, as server-sent events
         * @description What the dashboard listens to. Each message has an `event:` name and JSON `data:`:
         *     `webhook` (an `Event` was stored; the body is left out, fetch the event for it),
         *     `duplicate` (a retry was counted on an event), `deleted` (`{client_id, event_id, count}`:
         *     one event, one client's, or all when both are null),
         *     `replay` (a `Replay` was recorded, replay or resend), `forward` (a `Forward` attempt
         *     ended). A comment line is sent every 15 s to keep proxies
         *     from closing the stream.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/forwards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The forwarding queue, newest first
         * @description Every forward to the app under development, or those in one state, with the app's last answer.
         */
        get: operations["listForwards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/forwards/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where deliveries of clients without a forward_url are forwarded
         * @description `WEBHOOK_FORWARD_TO` at start (null when empty), or what `PUT` set since.
         */
        get: operations["getDefaultForward"];
        /**
         * Set where deliveries of clients without a forward_url are forwarded
         * @description What `standin listen --forward-to URL` sets while it runs and puts back when it stops.
         *     Kept in memory only: a restart goes back to `WEBHOOK_FORWARD_TO`. Null stops forwarding
         *     for clients without their own `forward_url`; forwards already queued still go out.
         */
        put: operations["putDefaultForward"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/trigger/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The test-event templates
         * @description What senders emit, ready to edit and send: the image API's `image.processed` and
         *     `image.failed` (the examples of the callbacks in its own contract), GitHub `push` and
         *     `pull_request`, Stripe `payment_intent.succeeded` and `charge.failed`, and a Standard
         *     Webhooks event.
         */
        get: operations["listTestEventTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signed test event
         * @description Sends a template's body and headers, or edited ones, to `target_url`, signed with `scheme`
         *     (default: the client's pinned scheme, else the template's) and `secret` (default: the
         *     client's own secret; `WEBHOOK_SECRET` is never used here, 409 instead, or the receiver
         *     would sign any body for anyone; a `whsec_` secret that holds no base64 key, for a scheme
         *     that decodes it, is a 400 naming `body.secret`), or `unsigned`, or `wrong` (a random secret). Answers
         *     what the target answered, never the headers sent. Targets as for replays.
         */
        post: operations["triggerTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every client with its own settings
         * @description Clients whose stored settings the receiver refuses are listed too, their `unusable` saying why and how to mend them.
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
    "/webhooks/clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's settings
         * @description A client that was never configured gets the defaults (`configured` false).
         */
        get: operations["getClientSettings"];
        /**
         * Replace a client's settings
         * @description Fields left out take their defaults, except `secret`: once set it is never shown again
         *     (the settings say only `secret_set` and its fingerprint, as GitHub keeps a webhook's
         *     secret), so settings read and written back have none, and a `secret` left out keeps the
         *     client's own; `secret` null returns the client to `WEBHOOK_SECRET`. Settings as GET gives
         *     them are taken back as they are, their read-only fields changing nothing (see
         *     `ClientSettingsInput`). A client with its own
         *     secret no longer accepts the global one. `scheme` other than `auto`
         *     accepts only that scheme's signature (and signs replays with it). A `whsec_` secret that
         *     holds no base64 key (`whsec_`, `whsec_!!!`) is refused with 400 unless `scheme` uses its
         *     secret as written (GitHub, Stripe, Shopify, Slack, Twilio): decoded, it is an empty key.
         *     `require_signature` null follows `WEBHOOK_REQUIRE_SIGNATURE`.
         */
        put: operations["putClientSettings"];
        post?: never;
        /** Return a client to the defaults */
        delete: operations["deleteClientSettings"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string|null} */
        NullableSchemeName: "x-webhook-signature" | "github" | "standard-webhooks" | "stripe" | "shopify" | "slack" | "twilio" | null;
        /**
         * @description valid - a signature matched; invalid - one was given but is wrong or unusable; missing - none was given.
         * @enum {string}
         */
        SignatureStatus: "valid" | "invalid" | "missing";
        /**
         * @description accepted - answered 2xx; rejected - answered 401 for its signature; failed - answered an error on purpose (client response settings).
         * @enum {string}
         */
        Outcome: "accepted" | "rejected" | "failed";
        /** @description The signature verdict; `scheme` is null when the delivery carried no signature header. */
        SignatureSummary: {
            scheme: components["schemas"]["NullableSchemeName"];
            status: components["schemas"]["SignatureStatus"];
            reason: string;
        };
        /**
         * @description The verdict, with what explains it. It never holds a signature this receiver computed: one
         *     for any body sent to it would make the receiver a signing oracle for its secrets.
         */
        Signature: components["schemas"]["SignatureSummary"] & {
            /** @description The signature header as received. */
            received: string | null;
            /** @description What the signature should cover, as a shape with lengths; null when a header it needs is missing. */
            signed: {
                /** @description The signed string's parts joined with dots, e.g. `{webhook-id}.{webhook-timestamp}.{body}`. */
                template: string;
                parts: {
                    name: string;
                    /** @description The part's length in bytes, as received. */
                    bytes: number;
                }[];
                /** @description The whole signed string's length in bytes, dots included. */
                bytes: number;
            } | null;
            /** @description The secret the signature was checked with, never the secret itself; null when none was checked. */
            secret: {
                /**
                 * @description client - the client's own secret; global - `WEBHOOK_SECRET`.
                 * @enum {string}
                 */
                source: "client" | "global";
                /** @description The first 8 hex digits of the SHA-256 of the secret as configured (its UTF-8 bytes, `whsec_` included), e.g. `printf %s "$SECRET" | sha256sum | cut -c1-8`. */
                sha256_prefix: string;
            } | null;
            diagnosis: components["schemas"]["SignatureDiagnosis"];
        };
        /**
         * @description Why an invalid signature is wrong, when a common mistake explains it; null otherwise. Found
         *     by checking variants on the server; only whether the received signature matches one is
         *     reported.
         */
        SignatureDiagnosis: {
            /**
             * @description timestamp_outside_tolerance - the signature is right, the timestamp too old (or too far ahead);
             *     signature_encoding - the right HMAC, written in another notation (hex for base64, no `sha256=`);
             *     other_scheme - another scheme's signature (its signed string, or its header for a client pinned to one scheme);
             *     secret_encoding - made with another reading of the secret (`whsec_` secret not decoded, or decoded when it must not be);
             *     body_reserialised - made over the same JSON serialised otherwise (compact, indented, Python's json.dumps);
             *     body_whitespace - made over the body with its whitespace or line endings changed.
             * @enum {string}
             */
            cause: "timestamp_outside_tolerance" | "signature_encoding" | "other_scheme" | "secret_encoding" | "body_reserialised" | "body_whitespace";
            /** @description The mistake, in a sentence a sender can act on. */
            detail: string;
        } | null;
        DeliveryReceipt: {
            /**
             * @description failed when the client's response settings made this delivery fail.
             * @enum {string}
             */
            status: "received" | "failed";
            /** @description The stored event (for a retry, the event first stored for its message id). */
            event_id: string;
            /** Format: date-time */
            timestamp: string;
            signature_verified: boolean;
            signature: components["schemas"]["SignatureSummary"];
            /** @description true when this delivery was a retry of a message already stored (the same webhook-id or svix-id, covered by a verified Standard Webhooks signature on both). */
            duplicate: boolean;
            detail?: string;
        };
        Event: {
            event_id: string;
            client_id: string;
            /**
             * Format: date-time
             * @description When it was received.
             */
            timestamp: string;
            /** @description The body's `event_type` or `type`, X-GitHub-Event, X-Shopify-Topic, or an S3 event notification's type (`s3:ObjectCreated:Put`, `s3:TestEvent`, an EventBridge `detail-type`), the first of them up to 200 characters long; `unknown` otherwise. */
            event_type: string;
            outcome: components["schemas"]["Outcome"];
            /** @description The status the delivery was answered with. */
            response_status: number;
            method: string;
            /** @description Path and query string as requested. */
            path: string;
            /** @description Header names in lower case; repeated headers joined with ", ". */
            headers: {
                [key: string]: string;
            };
            /** @description Every header as sent, in order, name case preserved. */
            raw_headers: string[][];
            content_type: string | null;
            /** @description The body as text when it is UTF-8, base64 otherwise (see body_encoding). */
            body: string;
            /** @enum {string} */
            body_encoding: "utf8" | "base64";
            /** @description Bytes. */
            body_size: number;
            /** @description The body parsed as JSON (the seed's field); null when it is not JSON or nests more than 256 levels deep (the body is kept as it came). */
            payload: unknown;
            /** @description The seed's flag, true when the signature is valid. */
            signature_verified: boolean;
            signature: components["schemas"]["Signature"];
            /** @description The sender's message id (webhook-id or svix-id; the one a verified Standard Webhooks signature covers, when there is one). */
            delivery_id: string | null;
            /** @description Retries of the same message id answered since. */
            duplicates: number;
            /** Format: date-time */
            last_duplicate_at: string | null;
            payload_check: components["schemas"]["PayloadCheck"];
            /** @description The body judged by the sender's contract; null when no schema applies to this event, or its check reached no verdict (`payload_check` `not_judged`). */
            payload_valid: boolean | null;
            /** @description Which schema judged the body (or was to), in words; null when none applied. */
            payload_schema: string | null;
            /** @description What the schema found wrong (at most 20), empty when valid, not judged or unchecked. */
            payload_errors: components["schemas"]["PayloadError"][];
            /** @description Why the schema never judged the body (the check exceeded its 1 s limit, the schema failed while it ran, the receiver stopped first, too many checks were waiting); null otherwise. */
            payload_not_judged: string | null;
        };
        /**
         * @description The body's payload check, in one word. `valid` and `not_valid` are the schema's verdict; `not_judged`, a schema applies but its check was stopped before reaching one, failed, or never ran for the checks already waiting (`payload_not_judged` says why); `unchecked`, no schema applies to the event.
         * @enum {string}
         */
        PayloadCheck: "valid" | "not_valid" | "not_judged" | "unchecked";
        PayloadError: {
            /** @description JSON Pointer to the offending value; empty for the whole body. */
            path: string;
            message: string;
        };
        EventDetail: components["schemas"]["Event"] & {
            /** @description Replay and resend attempts, newest first. */
            replays: components["schemas"]["Replay"][];
            /** @description Forwards to the app under development, newest first. */
            forwards: components["schemas"]["Forward"][];
        };
        /** @description One event on its way to the app under development, with the app's last answer. */
        Forward: {
            /** @description Sent, quoted, as the `Idempotency-Key` of every attempt (unless the delivery carried one), so the app knows a forward sent again. */
            forward_id: string;
            event_id: string;
            target_url: string;
            /**
             * @description pending - waiting for its next attempt; delivered - the app answered 2xx; failed - every attempt was used.
             * @enum {string}
             */
            state: "pending" | "delivered" | "failed";
            /** @description Attempts sent so far, one under way included (each is counted as it is sent, so one the receiver was stopped in the middle of counts too). */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            next_attempt_at: string | null;
            /** Format: date-time */
            last_attempt_at: string | null;
            response: components["schemas"]["TargetAnswer"];
            /** @description Why the last attempt got no answer. */
            error: string | null;
        };
        /** @description What the target answered (null before any answer came). */
        TargetAnswer: {
            status: number;
            /** @description Every header as answered, in order, name case preserved. */
            headers: string[][];
            /** @description The first 64 KiB of the answer, as text when UTF-8, base64 otherwise. */
            body: string;
            /** @enum {string} */
            body_encoding: "utf8" | "base64";
            latency_ms: number;
        } | null;
        EventList: {
            /** @description Events matching the filters, across all pages. */
            total: number;
            limit: number;
            offset: number;
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
            events: components["schemas"]["Event"][];
        };
        DeleteResult: {
            message: string;
            events_deleted: number;
        };
        /** @description One replay or resend attempt; `scheme` is null when it was sent unsigned, `response_status` null when the target could not be reached. */
        Replay: {
            replay_id: string;
            /**
             * @description replay - the stored event as it was; resend - edited first (`POST /webhooks/events/{event_id}/resend`).
             * @enum {string}
             */
            kind: "replay" | "resend";
            /**
             * @description How a resend was signed; null for a replay (see `scheme`).
             * @enum {string|null}
             */
            signing: "signed" | "unsigned" | "wrong" | null;
            target_url: string;
            scheme: components["schemas"]["NullableSchemeName"];
            /** Format: date-time */
            replayed_at: string;
            /** @description The target's status; null when it could not be reached. */
            response_status: number | null;
            latency_ms: number;
            /** @description The first 500 characters of the target's answer. */
            response_excerpt: string | null;
            error: string | null;
        };
        ReplayResult: {
            /** @enum {string} */
            status: "replayed";
            event_id: string;
            target_url: string;
            response_status: number;
            /** @description The first 500 characters of the target's answer. */
            response_body: string;
            replay_id: string;
            scheme: components["schemas"]["NullableSchemeName"];
            latency_ms: number;
            /** Format: date-time */
            replayed_at: string;
        };
        Stats: {
            total_events: number;
            unique_clients: number;
            event_type_distribution: {
                [key: string]: number;
            };
            client_stats: {
                [key: string]: {
                    total_events: number;
                    /** Format: date-time */
                    first_event: string;
                    /** Format: date-time */
                    last_event: string;
                    event_types: {
                        [key: string]: number;
                    };
                };
            };
            /** Format: date-time */
            timestamp: string;
            per_verification_status: {
                valid: number;
                invalid: number;
                missing: number;
            };
            per_outcome: {
                accepted: number;
                rejected: number;
                failed: number;
            };
            /** @description Retries answered 200 and counted on their first event. */
            duplicates: number;
            /** Format: date-time */
            last_received_at: string | null;
            events_last_minute: number;
            /** @description Events received in each of the last 15 minutes, oldest first. */
            events_per_minute: {
                /** Format: date-time */
                minute: string;
                count: number;
            }[];
        };
        ResponseBehaviour: {
            /** @description Status for deliveries not picked to fail (a non-2xx status fails them all). */
            status: number;
            /** @description Wait this long after storing a delivery before answering. */
            delay_ms: number;
            /** @description Probability that a delivery is answered 500 instead. */
            failure_rate: number;
        };
        ClientSettings: {
            readonly client_id: string;
            /**
             * @description auto detects the scheme from the headers.
             * @enum {string}
             */
            scheme: "auto" | "x-webhook-signature" | "github" | "standard-webhooks" | "stripe" | "shopify" | "slack" | "twilio";
            /** @description true when the client has its own secret; false - it uses WEBHOOK_SECRET. The secret itself is never shown. */
            readonly secret_set: boolean;
            /** @description The first 8 hex digits of the SHA-256 of the client's own secret (its UTF-8 bytes, `whsec_` included), as a verdict's `secret.sha256_prefix` names it, e.g. `printf %s "$SECRET" | sha256sum | cut -c1-8`; null without one. */
            readonly secret_sha256_prefix: string | null;
            /** @description null follows WEBHOOK_REQUIRE_SIGNATURE. */
            require_signature: boolean | null;
            response: components["schemas"]["ResponseBehaviour"];
            /** @description Where every delivery is also forwarded; null follows `WEBHOOK_FORWARD_TO`. */
            forward_url: string | null;
            /** @description What deliveries are checked against; null - the image API's callback schemas for its event types. */
            payload_schema: {
                /** @enum {string} */
                source: "json-schema" | "openapi-callback";
                /** @description The OpenAPI callback's name; null for a JSON Schema. */
                callback: string | null;
                /** @description The schema, references resolved. */
                schema: {
                    [key: string]: unknown;
                };
            } | null;
            /** @description false for a client that uses every default. */
            readonly configured: boolean;
            /** Format: date-time */
            readonly updated_at: string | null;
            /** @description null - these settings are in force. Otherwise why the receiver never uses them and how to mend them, as the `ClientSettingsUnusable` 409 that every use of the client answers says (settings stored by an older receiver that a PUT now refuses); only the list shows such a client, so that it can be seen and mended. */
            readonly unusable: string | null;
        };
        /**
         * @description The settings as `ClientSettings` shows them may be sent back as they came, edited or not
         *     (`curl` GET, edit, PUT): their read-only fields are taken and change nothing, as OpenAPI's
         *     `readOnly` means. `client_id`, `configured`, `updated_at` and `unusable` are not read (the path names the
         *     client, so settings read from one client may be written to another). `secret_set` and
         *     `secret_sha256_prefix` are read only beside a PUT without `secret`, which keeps the
         *     client's secret: they must then describe that secret, or the document describes settings
         *     the PUT would not write (another client's, or read before the secret changed), and the PUT
         *     is refused with 400 saying how to set the secret (`secret`, or null for `WEBHOOK_SECRET`).
         */
        ClientSettingsInput: {
            client_id?: components["schemas"]["ClientSettings"]["client_id"];
            secret_set?: components["schemas"]["ClientSettings"]["secret_set"];
            secret_sha256_prefix?: components["schemas"]["ClientSettings"]["secret_sha256_prefix"];
            configured?: components["schemas"]["ClientSettings"]["configured"];
            updated_at?: components["schemas"]["ClientSettings"]["updated_at"];
            unusable?: components["schemas"]["ClientSettings"]["unusable"];
            /** @enum {string} */
            scheme?: "auto" | "x-webhook-signature" | "github" | "standard-webhooks" | "stripe" | "shopify" | "slack" | "twilio";
            /** @description The client's own secret, never shown again; null - `WEBHOOK_SECRET`; left out - the secret the client has now. */
            secret?: string | null;
            require_signature?: boolean | null;
            response?: {
                status?: number;
                delay_ms?: number;
                failure_rate?: number;
            };
            /** @description An http(s) URL on a loopback host or one in `WEBHOOK_REPLAY_ALLOW`. */
            forward_url?: string | null;
            /** @description A JSON Schema (`json_schema`), or an OpenAPI 3.0 document (`openapi`, its `$ref`s local) and the name of one of its callbacks (`callback`), or the schema as the settings show it (`source`, `callback`, `schema`), so settings read can be written back; as shown, a JSON Schema (`source` json-schema, `callback` null) is registered again, edited or not, while an OpenAPI callback's schema, resolved from a document the receiver does not keep, is taken only as the client has it (else 400). Its patterns (`pattern`, `patternProperties` names) are RE2 syntax, with JSON Schema's `\u` escapes; one with a backreference or lookaround is refused. A delivery's check that may take long (`$ref`, `uniqueItems`, many subschemas over a large body) runs apart from other requests and is stopped after 1 s, the delivery then stored not judged (`payload_check` not_judged, `payload_not_judged` saying why). */
            payload_schema?: {
                json_schema?: {
                    [key: string]: unknown;
                };
                openapi?: {
                    [key: string]: unknown;
                };
                callback?: string | null;
                /** @enum {string} */
                source?: "json-schema" | "openapi-callback";
                schema?: {
                    [key: string]: unknown;
                };
            } | null;
        };
        DefaultForward: {
            /** @description An http(s) URL on a loopback host or one in `WEBHOOK_REPLAY_ALLOW`; null forwards nowhere. */
            forward_to: string | null;
        };
        ForwardList: {
            counts: {
                pending: number;
                delivered: number;
                failed: number;
            };
            forwards: components["schemas"]["Forward"][];
        };
        /**
         * @description Header names and values in order, name case kept. Each name is an HTTP token and each
         *     value holds no control characters (CR, LF, NUL) and nothing past U+00FF, as HTTP/1.1 can
         *     carry them (RFC 9110 §5.5, §5.6.2); another is a 400 naming its place (`body.headers.2`).
         */
        HeaderList: string[][];
        ResendRequest: {
            target_url: string;
            /** @description The edited body (default the event's), as `body_encoding` says. */
            body?: string;
            /**
             * @default utf8
             * @enum {string}
             */
            body_encoding: "utf8" | "base64";
            headers?: components["schemas"]["HeaderList"];
            signing: components["schemas"]["SigningMode"];
            scheme?: components["schemas"]["SchemeName"];
        };
        /**
         * @description signed - with the scheme and secret; unsigned - no signature; wrong - a signature made with a random secret.
         * @enum {string}
         */
        SigningMode: "signed" | "unsigned" | "wrong";
        /** @enum {string} */
        SchemeName: "x-webhook-signature" | "github" | "standard-webhooks" | "stripe" | "shopify" | "slack" | "twilio";
        Template: {
            name: string;
            sender: string;
            event_type: string;
            scheme: components["schemas"]["SchemeName"];
            headers: components["schemas"]["HeaderList"];
            body: string;
        };
        TemplateList: {
            templates: components["schemas"]["Template"][];
        };
        TriggerRequest: {
            template: string;
            target_url: string;
            signing: components["schemas"]["SigningMode"];
            scheme?: components["schemas"]["SchemeName"];
            secret?: string;
            client_id?: string;
            /** @description The edited body (default the template's). */
            body?: string;
            headers?: components["schemas"]["HeaderList"];
        };
        TriggerResult: {
            template: string;
            /** @description Where it went (a Twilio-signed JSON body adds `bodySHA256` to the URL). */
            target_url: string;
            scheme: components["schemas"]["NullableSchemeName"];
            signing: components["schemas"]["SigningMode"];
            response: components["schemas"]["TargetAnswer"];
        };
        ClientList: {
            clients: components["schemas"]["ClientSettings"][];
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
        /** @description `target_url` is not an absolute http(s) URL, or the request is not usable as sent. */
        InvalidTarget: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/invalid-replay-target",
                 *       "title": "Invalid replay target",
                 *       "status": 400,
                 *       "detail": "target_url must be http or https, not ftp",
                 *       "instance": "/webhooks/trigger"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The target host is neither loopback nor in `WEBHOOK_REPLAY_ALLOW`. */
        TargetNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/replay-target-not-allowed",
                 *       "title": "Replay target not allowed",
                 *       "status": 403,
                 *       "detail": "replays go only to loopback hosts and those in WEBHOOK_REPLAY_ALLOW; example.com is neither",
                 *       "instance": "/webhooks/trigger"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request asks to sign with a secret that is not available for a body the caller chose (see the description), or with the secret of a client whose stored settings cannot be used (see `ClientSettingsUnusable`). */
        NotSignable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/secret-not-available",
                 *       "title": "Secret not available",
                 *       "status": 409,
                 *       "detail": "give a secret, or a client_id whose settings have their own secret: test events are never signed with WEBHOOK_SECRET, or the receiver would sign any body for anyone",
                 *       "instance": "/webhooks/trigger"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The client's stored settings are refused by the checks a PUT makes now, so they are never
         *     used: a `whsec_` secret holding no key, stored before such secrets were refused at PUT,
         *     would verify with an empty key, which anyone can sign with. Every operation needing them
         *     answers this (a delivery is not stored) until `PUT` gives new settings or `DELETE`
         *     removes them; the receiver names such clients in its log at start.
         */
        ClientSettingsUnusable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/client-settings-unusable",
                 *       "title": "Client settings unusable",
                 *       "status": 409,
                 *       "detail": "the stored settings of client client-123 cannot be used (secret: a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key (a secret used as written, such as Stripe's, needs its scheme named)); they were stored before the receiver refused this: PUT new settings (a new secret, or secret null for WEBHOOK_SECRET) or DELETE them",
                 *       "instance": "/webhooks/client-123",
                 *       "client_id": "client-123"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The signature is wrong or unusable, or required and absent; `detail` says which header is
         *     missing, what did not match, or how far the timestamp is outside the tolerance, and
         *     `diagnosis` (a `SignatureDiagnosis`, null when none applies) the common mistake that
         *     explains a wrong signature. The delivery is recorded as `rejected` (see `event_id`).
         */
        SignatureRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/invalid-signature",
                 *       "title": "Invalid signature",
                 *       "status": 401,
                 *       "detail": "webhook-timestamp is 412 s old, outside the 300 s tolerance",
                 *       "instance": "/webhooks/client-123",
                 *       "event_id": "evt_019421bcaa005b0c1f3e9a7d",
                 *       "scheme": "standard-webhooks",
                 *       "signature_status": "invalid",
                 *       "diagnosis": {
                 *         "cause": "timestamp_outside_tolerance",
                 *         "detail": "the signature is right for this secret and body, and only its timestamp is refused: webhook-timestamp is 412 s old, outside the 300 s tolerance (a delayed or replayed delivery, or a sender's clock off by that much)"
                 *       }
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No event has this id. */
        EventNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/event-not-found",
                 *       "title": "Event not found",
                 *       "status": 404,
                 *       "detail": "no event evt_missing",
                 *       "instance": "/webhooks/events/evt_missing"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The target could not be reached (502) or did not answer in time (504); the attempt is recorded. */
        ReplayFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://standin.dev/problems/replay-failed",
                 *       "title": "Replay failed",
                 *       "status": 502,
                 *       "detail": "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9",
                 *       "instance": "/webhooks/replay/evt_019421bcaa005b0c1f3e9a7d",
                 *       "replay_id": "rpl_0c9e2b7a6d5f4e3c2b1a0f9e"
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
         * @description Who the webhook is for: any name chosen by the sender's URL, without control characters,
         *     except the reserved names of the receiver's own resources under `/webhooks/` and the dot
         *     segments `.` and `..` (sent as `%2E`), which URLs resolve away (RFC 3986 §5.2.4): no
         *     browser or HTTP library could reach such a client's settings.
         * @example client-123
         */
        ClientIdPath: string;
        /**
         * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
         * @example evt_019421bcaa005b0c1f3e9a7d
         */
        EventIdPath: string;
        /**
         * @description Only this client's events.
         * @example client-123
         */
        ClientIdQuery: string;
        /**
         * @description Only events of this type (the body's `event_type` or `type`, or X-GitHub-Event or X-Shopify-Topic).
         * @example image.processed
         */
        EventType: string;
        /**
         * @description Only events whose signature check ended so.
         * @example valid
         */
        Verification: components["schemas"]["SignatureStatus"];
        /**
         * @description Only events answered so.
         * @example accepted
         */
        Outcome: components["schemas"]["Outcome"];
        /**
         * @description Only events whose body contains this text (case-insensitive for ASCII), byte for byte: text after a NUL character (U+0000) in a body is found, and a NUL in the text is one too.
         * @example uuid-123
         */
        TextSearch: string;
        /**
         * @description Only events received at or after this time.
         * @example 2025-01-01T00:00:00Z
         */
        Since: string;
        /**
         * @description Only events whose payload check is in this state (see `Event.payload_check`).
         * @example not_valid
         */
        PayloadCheck: components["schemas"]["PayloadCheck"];
        /**
         * @description Only events judged by a payload schema with this verdict (true or false), as `payload_check` `valid` or `not_valid` select them; beside a `payload_check`, both apply.
         * @example false
         */
        PayloadValid: boolean;
        /**
         * @description Only events received at or before this time.
         * @example 2025-01-02T00:00:00Z
         */
        Until: string;
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
    getDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><title>Webhook receiver</title></head><body>...</body></html> */
                    "text/html": string;
                };
            };
        };
    };
    receiveWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Who the webhook is for: any name chosen by the sender's URL, without control characters,
                 *     except the reserved names of the receiver's own resources under `/webhooks/` and the dot
                 *     segments `.` and `..` (sent as `%2E`), which URLs resolve away (RFC 3986 §5.2.4): no
                 *     browser or HTTP library could reach such a client's settings.
                 * @example client-123
                 */
                client_id: components["parameters"]["ClientIdPath"];
            };
            cookie?: never;
        };
        /** @description Any body; JSON is shown pretty in the dashboard, anything else is kept as is. */
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "event_type": "image.processed",
                 *       "image_id": "uuid-123",
                 *       "job_id": "uuid-456",
                 *       "status": "completed"
                 *     }
                 */
                "application/json": unknown;
                /** @example any bytes */
                "*/*": string;
            };
        };
        responses: {
            /** @description Stored (or recognised as a retry of an already stored message). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "received",
                     *       "event_id": "evt_019421bcaa005b0c1f3e9a7d",
                     *       "timestamp": "2025-01-01T12:00:00.000Z",
                     *       "signature_verified": true,
                     *       "signature": {
                     *         "scheme": "x-webhook-signature",
                     *         "status": "valid",
                     *         "reason": "X-Webhook-Signature matches the HMAC-SHA256 of the body"
                     *       },
                     *       "duplicate": false
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryReceipt"];
                };
            };
            401: components["responses"]["SignatureRejected"];
            409: components["responses"]["ClientSettingsUnusable"];
            /** @description The body is larger than `WEBHOOK_MAX_BODY`. */
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
                     *       "detail": "the body is larger than the limit of 1048576 bytes (WEBHOOK_MAX_BODY)",
                     *       "instance": "/webhooks/client-123"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description The status set by the client's response settings: `response.status`, or 500 for a
             *     delivery picked by `response.failure_rate`. The event is stored either way. A 204,
             *     205 or 304 carries no content (RFC 9110), so no receipt.
             */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "failed",
                     *       "event_id": "evt_019421bcaa005b0c1f3e9a7d",
                     *       "timestamp": "2025-01-01T12:00:00.000Z",
                     *       "signature_verified": false,
                     *       "signature": {
                     *         "scheme": null,
                     *         "status": "missing",
                     *         "reason": "no signature header (X-Webhook-Signature, X-Hub-Signature-256, webhook-signature, svix-signature, Stripe-Signature, X-Shopify-Hmac-Sha256, X-Slack-Signature or X-Twilio-Signature)"
                     *       },
                     *       "duplicate": false,
                     *       "detail": "failure simulated by this client's response settings (failure_rate 0.5)"
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryReceipt"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /**
                 * @description Only this client's events.
                 * @example client-123
                 */
                client_id?: components["parameters"]["ClientIdQuery"];
                /**
                 * @description Only events of this type (the body's `event_type` or `type`, or X-GitHub-Event or X-Shopify-Topic).
                 * @example image.processed
                 */
                event_type?: components["parameters"]["EventType"];
                /**
                 * @description Only events whose signature check ended so.
                 * @example valid
                 */
                verification?: components["parameters"]["Verification"];
                /**
                 * @description Only events answered so.
                 * @example accepted
                 */
                outcome?: components["parameters"]["Outcome"];
                /**
                 * @description Only events whose body contains this text (case-insensitive for ASCII), byte for byte: text after a NUL character (U+0000) in a body is found, and a NUL in the text is one too.
                 * @example uuid-123
                 */
                q?: components["parameters"]["TextSearch"];
                /**
                 * @description Only events received at or after this time.
                 * @example 2025-01-01T00:00:00Z
                 */
                since?: components["parameters"]["Since"];
                /**
                 * @description Only events received at or before this time.
                 * @example 2025-01-02T00:00:00Z
                 */
                until?: components["parameters"]["Until"];
                /**
                 * @description Only events whose payload check is in this state (see `Event.payload_check`).
                 * @example not_valid
                 */
                payload_check?: components["parameters"]["PayloadCheck"];
                /**
                 * @description Only events judged by a payload schema with this verdict (true or false), as `payload_check` `valid` or `not_valid` select them; beside a `payload_check`, both apply.
                 * @example false
                 */
                payload_valid?: components["parameters"]["PayloadValid"];
                /**
                 * @description Events per page, in decimal digits.
                 * @example 50
                 */
                limit?: number;
                /**
                 * @description Events to skip (after the cursor, when one is given), in decimal digits.
                 * @example 0
                 */
                offset?: number;
                /**
                 * @description The `next_cursor` of the previous page.
                 * @example c2VxOjQy
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total": 1,
                     *       "limit": 50,
                     *       "offset": 0,
                     *       "next_cursor": null,
                     *       "events": [
                     *         {
                     *           "event_id": "evt_019421bcaa005b0c1f3e9a7d",
                     *           "client_id": "client-123",
                     *           "timestamp": "2025-01-01T12:00:00.000Z",
                     *           "event_type": "image.processed",
                     *           "outcome": "accepted",
                     *           "response_status": 200,
                     *           "method": "POST",
                     *           "path": "/webhooks/client-123",
                     *           "headers": {
                     *             "content-type": "application/json",
                     *             "x-webhook-signature": "0f1b9086102b7dc5ff26b271a84b1854b87baccfa425113fec3c6881669eb972"
                     *           },
                     *           "raw_headers": [
                     *             [
                     *               "Content-Type",
                     *               "application/json"
                     *             ],
                     *             [
                     *               "X-Webhook-Signature",
                     *               "0f1b9086102b7dc5ff26b271a84b1854b87baccfa425113fec3c6881669eb972"
                     *             ]
                     *           ],
                     *           "content_type": "application/json",
                     *           "body": "{\"event_type\": \"image.processed\", \"image_id\": \"123\"}",
                     *           "body_encoding": "utf8",
                     *           "body_size": 52,
                     *           "payload": {
                     *             "event_type": "image.processed",
                     *             "image_id": "123"
                     *           },
                     *           "signature_verified": true,
                     *           "signature": {
                     *             "scheme": "x-webhook-signature",
                     *             "status": "valid",
                     *             "reason": "X-Webhook-Signature matches the HMAC-SHA256 of the body",
                     *             "received": "0f1b9086102b7dc5ff26b271a84b1854b87baccfa425113fec3c6881669eb972",
                     *             "signed": {
                     *               "template": "{body}",
                     *               "parts": [
                     *                 {
                     *                   "name": "body",
                     *                   "bytes": 52
                     *                 }
                     *               ],
                     *               "bytes": 52
                     *             },
                     *             "secret": {
                     *               "source": "global",
                     *               "sha256_prefix": "17e7358b"
                     *             },
                     *             "diagnosis": null
                     *           },
                     *           "delivery_id": null,
                     *           "duplicates": 0,
                     *           "last_duplicate_at": null,
                     *           "payload_check": "not_valid",
                     *           "payload_valid": false,
                     *           "payload_schema": "the image API's callback imageProcessed (openapi/image-api.yaml)",
                     *           "payload_errors": [
                     *             {
                     *               "path": "",
                     *               "message": "must have required property 'event_id'"
                     *             }
                     *           ],
                     *           "payload_not_judged": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EventList"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    deleteEvents: {
        parameters: {
            query?: {
                /**
                 * @description Only this client's events.
                 * @example client-123
                 */
                client_id?: components["parameters"]["ClientIdQuery"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Events cleared for client client-123",
                     *       "events_deleted": 12
                     *     }
                     */
                    "application/json": components["schemas"]["DeleteResult"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    exportEvents: {
        parameters: {
            query?: {
                /**
                 * @description Only this client's events.
                 * @example client-123
                 */
                client_id?: components["parameters"]["ClientIdQuery"];
                /**
                 * @description Only events of this type (the body's `event_type` or `type`, or X-GitHub-Event or X-Shopify-Topic).
                 * @example image.processed
                 */
                event_type?: components["parameters"]["EventType"];
                /**
                 * @description Only events whose signature check ended so.
                 * @example valid
                 */
                verification?: components["parameters"]["Verification"];
                /**
                 * @description Only events answered so.
                 * @example accepted
                 */
                outcome?: components["parameters"]["Outcome"];
                /**
                 * @description Only events whose body contains this text (case-insensitive for ASCII), byte for byte: text after a NUL character (U+0000) in a body is found, and a NUL in the text is one too.
                 * @example uuid-123
                 */
                q?: components["parameters"]["TextSearch"];
                /**
                 * @description Only events received at or after this time.
                 * @example 2025-01-01T00:00:00Z
                 */
                since?: components["parameters"]["Since"];
                /**
                 * @description Only events received at or before this time.
                 * @example 2025-01-02T00:00:00Z
                 */
                until?: components["parameters"]["Until"];
                /**
                 * @description Only events whose payload check is in this state (see `Event.payload_check`).
                 * @example not_valid
                 */
                payload_check?: components["parameters"]["PayloadCheck"];
                /**
                 * @description Only events judged by a payload schema with this verdict (true or false), as `payload_check` `valid` or `not_valid` select them; beside a `payload_check`, both apply.
                 * @example false
                 */
                payload_valid?: components["parameters"]["PayloadValid"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newline-delimited JSON, one `Event` per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"event_id":"evt_019421bcaa005b0c1f3e9a7d","client_id":"client-123","event_type":"image.processed"} */
                    "application/x-ndjson": string;
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
                 * @example evt_019421bcaa005b0c1f3e9a7d
                 */
                event_id: components["parameters"]["EventIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventDetail"];
                };
            };
            404: components["responses"]["EventNotFound"];
        };
    };
    deleteEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
                 * @example evt_019421bcaa005b0c1f3e9a7d
                 */
                event_id: components["parameters"]["EventIdPath"];
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
            404: components["responses"]["EventNotFound"];
        };
    };
    getEventBody: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
                 * @example evt_019421bcaa005b0c1f3e9a7d
                 */
                event_id: components["parameters"]["EventIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The raw bytes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"event_type":"image.processed","image_id":"uuid-123"} */
                    "application/octet-stream": string;
                };
            };
            404: components["responses"]["EventNotFound"];
        };
    };
    replayEvent: {
        parameters: {
            query: {
                /**
                 * @description Where to send the event.
                 * @example http://localhost:4000/webhooks/replayed
                 */
                target_url: string;
                /**
                 * @description false sends the body unsigned.
                 * @example true
                 */
                include_signature?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
                 * @example evt_019421bcaa005b0c1f3e9a7d
                 */
                event_id: components["parameters"]["EventIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target answered (whatever its status). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "replayed",
                     *       "event_id": "evt_019421bcaa005b0c1f3e9a7d",
                     *       "target_url": "http://localhost:4000/webhooks/replayed",
                     *       "response_status": 200,
                     *       "response_body": "{\"status\":\"received\"}",
                     *       "replay_id": "rpl_0c9e2b7a6d5f4e3c2b1a0f9e",
                     *       "scheme": "x-webhook-signature",
                     *       "latency_ms": 4,
                     *       "replayed_at": "2025-01-01T12:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ReplayResult"];
                };
            };
            /** @description `target_url` is not an absolute http(s) URL. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/invalid-replay-target",
                     *       "title": "Invalid replay target",
                     *       "status": 400,
                     *       "detail": "target_url must be http or https, not ftp",
                     *       "instance": "/webhooks/replay/evt_019421bcaa005b0c1f3e9a7d"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The target host is neither loopback nor in `WEBHOOK_REPLAY_ALLOW`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/replay-target-not-allowed",
                     *       "title": "Replay target not allowed",
                     *       "status": 403,
                     *       "detail": "replays go only to loopback hosts and those in WEBHOOK_REPLAY_ALLOW; example.com is neither",
                     *       "instance": "/webhooks/replay/evt_019421bcaa005b0c1f3e9a7d"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: components["responses"]["EventNotFound"];
            /** @description A signed replay of an event that was not verified, or was verified with another secret than the client's now; or the client's stored settings cannot be used (see `ClientSettingsUnusable`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/replay-cannot-be-signed",
                     *       "title": "Replay cannot be signed",
                     *       "status": 409,
                     *       "detail": "event evt_019421bcaa005b0c1f3e9a7d was not verified (its signature is missing): only an event verified with the secret a replay would be signed with is re-signed; replay it with include_signature=false",
                     *       "instance": "/webhooks/replay/evt_019421bcaa005b0c1f3e9a7d"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            502: components["responses"]["ReplayFailed"];
            504: components["responses"]["ReplayFailed"];
        };
    };
    resendEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An event id, as returned when the event was received (`evt_`, the receive time as 12 hex digits of epoch milliseconds, 16 random hex digits; ids sort by time).
                 * @example evt_019421bcaa005b0c1f3e9a7d
                 */
                event_id: components["parameters"]["EventIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "target_url": "http://localhost:4000/webhooks/resent",
                 *       "body": "{\"event_type\":\"image.processed\",\"image_id\":\"edited\"}",
                 *       "body_encoding": "utf8",
                 *       "headers": [
                 *         [
                 *           "Content-Type",
                 *           "application/json"
                 *         ]
                 *       ],
                 *       "signing": "unsigned"
                 *     }
                 */
                "application/json": components["schemas"]["ResendRequest"];
            };
        };
        responses: {
            /** @description The target answered (whatever its status); the attempt as recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "replay_id": "rsd_0c9e2b7a6d5f4e3c2b1a0f9e",
                     *       "kind": "resend",
                     *       "signing": "unsigned",
                     *       "target_url": "http://localhost:4000/webhooks/resent",
                     *       "scheme": null,
                     *       "replayed_at": "2025-01-01T12:05:00.000Z",
                     *       "response_status": 200,
                     *       "latency_ms": 4,
                     *       "response_excerpt": "{\"status\":\"received\"}",
                     *       "error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Replay"];
                };
            };
            400: components["responses"]["InvalidTarget"];
            403: components["responses"]["TargetNotAllowed"];
            404: components["responses"]["EventNotFound"];
            409: components["responses"]["NotSignable"];
            502: components["responses"]["ReplayFailed"];
            504: components["responses"]["ReplayFailed"];
        };
    };
    getStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics over the whole log. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_events": 3,
                     *       "unique_clients": 1,
                     *       "event_type_distribution": {
                     *         "image.processed": 3
                     *       },
                     *       "client_stats": {
                     *         "client-123": {
                     *           "total_events": 3,
                     *           "first_event": "2025-01-01T11:58:00.000Z",
                     *           "last_event": "2025-01-01T12:00:00.000Z",
                     *           "event_types": {
                     *             "image.processed": 3
                     *           }
                     *         }
                     *       },
                     *       "timestamp": "2025-01-01T12:00:30.000Z",
                     *       "per_verification_status": {
                     *         "valid": 2,
                     *         "invalid": 1,
                     *         "missing": 0
                     *       },
                     *       "per_outcome": {
                     *         "accepted": 2,
                     *         "rejected": 1,
                     *         "failed": 0
                     *       },
                     *       "duplicates": 1,
                     *       "last_received_at": "2025-01-01T12:00:00.000Z",
                     *       "events_last_minute": 1,
                     *       "events_per_minute": [
                     *         {
                     *           "minute": "2025-01-01T12:00:00.000Z",
                     *           "count": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Stats"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    streamEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: webhook
                     *     data: {"event_id":"evt_019421bcaa005b0c1f3e9a7d","client_id":"client-123","event_type":"image.processed"}
                     */
                    "text/event-stream": string;
                };
            };
        };
    };
    listForwards: {
        parameters: {
            query?: {
                /**
                 * @description Only forwards in this state.
                 * @example pending
                 */
                state?: "pending" | "delivered" | "failed";
                /**
                 * @description Forwards to list, in decimal digits.
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
            /** @description The forwards and how many there are in each state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "counts": {
                     *         "pending": 1,
                     *         "delivered": 0,
                     *         "failed": 0
                     *       },
                     *       "forwards": [
                     *         {
                     *           "forward_id": "fwd_5e1d0c9b8a7f6e5d4c3b2a19",
                     *           "event_id": "evt_019421bcaa009d2f0e4b7c1a",
                     *           "target_url": "http://localhost:5000/hook",
                     *           "state": "pending",
                     *           "attempts": 1,
                     *           "created_at": "2025-01-01T12:00:00.000Z",
                     *           "next_attempt_at": "2025-01-01T12:00:01.000Z",
                     *           "last_attempt_at": "2025-01-01T12:00:00.002Z",
                     *           "response": null,
                     *           "error": "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5000"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ForwardList"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    getDefaultForward: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The default forward target in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "forward_to": "http://localhost:5000/hook"
                     *     }
                     */
                    "application/json": components["schemas"]["DefaultForward"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    putDefaultForward: {
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
                 *       "forward_to": "http://localhost:5000/hook"
                 *     }
                 */
                "application/json": components["schemas"]["DefaultForward"];
            };
        };
        responses: {
            /** @description The default forward target now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "forward_to": "http://localhost:5000/hook"
                     *     }
                     */
                    "application/json": components["schemas"]["DefaultForward"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["TargetNotAllowed"];
        };
    };
    listTestEventTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "templates": [
                     *         {
                     *           "name": "github.push",
                     *           "sender": "GitHub",
                     *           "event_type": "push",
                     *           "scheme": "github",
                     *           "headers": [
                     *             [
                     *               "Content-Type",
                     *               "application/json"
                     *             ],
                     *             [
                     *               "X-GitHub-Event",
                     *               "push"
                     *             ]
                     *           ],
                     *           "body": "{\"ref\":\"refs/heads/main\"}"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TemplateList"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    triggerTestEvent: {
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
                 *       "template": "github.push",
                 *       "target_url": "http://localhost:4000/webhooks/github-app",
                 *       "signing": "signed",
                 *       "secret": "my-github-webhook-secret"
                 *     }
                 */
                "application/json": components["schemas"]["TriggerRequest"];
            };
        };
        responses: {
            /** @description The target answered (whatever its status). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "template": "github.push",
                     *       "target_url": "http://localhost:4000/webhooks/github-app",
                     *       "scheme": "github",
                     *       "signing": "signed",
                     *       "response": {
                     *         "status": 200,
                     *         "headers": [
                     *           [
                     *             "Content-Type",
                     *             "application/json"
                     *           ]
                     *         ],
                     *         "body": "{\"status\":\"received\"}",
                     *         "body_encoding": "utf8",
                     *         "latency_ms": 4
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TriggerResult"];
                };
            };
            400: components["responses"]["InvalidTarget"];
            403: components["responses"]["TargetNotAllowed"];
            /** @description No template has that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://standin.dev/problems/unknown-template",
                     *       "title": "Unknown template",
                     *       "status": 404,
                     *       "detail": "no template named \"github.ping\"; the templates are image.processed, image.failed, github.push",
                     *       "instance": "/webhooks/trigger"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["NotSignable"];
            502: components["responses"]["ReplayFailed"];
            504: components["responses"]["ReplayFailed"];
        };
    };
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configured clients, those with unusable settings among them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "clients": [
                     *         {
                     *           "client_id": "github-app",
                     *           "scheme": "github",
                     *           "secret_set": true,
                     *           "secret_sha256_prefix": "69a81caa",
                     *           "require_signature": true,
                     *           "response": {
                     *             "status": 200,
                     *             "delay_ms": 0,
                     *             "failure_rate": 0
                     *           },
                     *           "forward_url": null,
                     *           "payload_schema": null,
                     *           "configured": true,
                     *           "updated_at": "2025-01-01T11:00:00.000Z",
                     *           "unusable": null
                     *         },
                     *         {
                     *           "client_id": "legacy",
                     *           "scheme": "auto",
                     *           "secret_set": true,
                     *           "secret_sha256_prefix": "1f5c3a6b",
                     *           "require_signature": null,
                     *           "response": {
                     *             "status": 200,
                     *             "delay_ms": 0,
                     *             "failure_rate": 0
                     *           },
                     *           "forward_url": null,
                     *           "payload_schema": null,
                     *           "configured": true,
                     *           "updated_at": "2024-06-01T09:00:00.000Z",
                     *           "unusable": "the stored settings of client legacy cannot be used (secret: a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key (a secret used as written, such as Stripe's, needs its scheme named)); they were stored before the receiver refused this: PUT new settings (a new secret, or secret null for WEBHOOK_SECRET) or DELETE them"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ClientList"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    getClientSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Who the webhook is for: any name chosen by the sender's URL, without control characters,
                 *     except the reserved names of the receiver's own resources under `/webhooks/` and the dot
                 *     segments `.` and `..` (sent as `%2E`), which URLs resolve away (RFC 3986 §5.2.4): no
                 *     browser or HTTP library could reach such a client's settings.
                 * @example client-123
                 */
                client_id: components["parameters"]["ClientIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings in force for this client. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientSettings"];
                };
            };
            400: components["responses"]["Problem"];
            409: components["responses"]["ClientSettingsUnusable"];
        };
    };
    putClientSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Who the webhook is for: any name chosen by the sender's URL, without control characters,
                 *     except the reserved names of the receiver's own resources under `/webhooks/` and the dot
                 *     segments `.` and `..` (sent as `%2E`), which URLs resolve away (RFC 3986 §5.2.4): no
                 *     browser or HTTP library could reach such a client's settings.
                 * @example client-123
                 */
                client_id: components["parameters"]["ClientIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "scheme": "standard-webhooks",
                 *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                 *       "require_signature": true,
                 *       "response": {
                 *         "status": 200,
                 *         "delay_ms": 250,
                 *         "failure_rate": 0.2
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ClientSettingsInput"];
            };
        };
        responses: {
            /** @description The settings now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientSettings"];
                };
            };
            400: components["responses"]["Problem"];
        };
    };
    deleteClientSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Who the webhook is for: any name chosen by the sender's URL, without control characters,
                 *     except the reserved names of the receiver's own resources under `/webhooks/` and the dot
                 *     segments `.` and `..` (sent as `%2E`), which URLs resolve away (RFC 3986 §5.2.4): no
                 *     browser or HTTP library could reach such a client's settings.
                 * @example client-123
                 */
                client_id: components["parameters"]["ClientIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client now uses the defaults. */
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
