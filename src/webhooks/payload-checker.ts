import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { imageApiCallbacks, readCallbackContracts, type CallbackContract } from './callback-contracts';
import { InvalidPayloadSchemaError } from './errors';
import { UNCHECKED, type PayloadError, type PayloadVerdict } from './event-record';
import { nonFiniteNumberAt } from './non-finite-numbers';
import { re2Pattern, re2RegExp } from './re2-regexp';
import { schemaPatterns } from './schema-patterns';
import { isUrl } from './url-format';

/** A schema a client's deliveries are checked against: a JSON Schema, or an OpenAPI callback's body schema. */
export interface PayloadSchema {
  source: 'json-schema' | 'openapi-callback';
  /** The callback's name for an OpenAPI callback; null for a JSON Schema. */
  callback: string | null;
  /** The schema itself, references resolved. */
  schema: Record<string, unknown>;
}

/** What a user registers: a JSON Schema, or an OpenAPI 3.0 document and the name of one of its callbacks. */
export type PayloadSchemaInput = { jsonSchema: Record<string, unknown> } | { openapi: Record<string, unknown>; callback: string };

/** ajv's reports are kept to this many per delivery. */
const MAX_ERRORS = 20;
/** How long after start-up the image API's contract is read: off the start-up path, before most deliveries. */
const CONTRACT_WARM_UP_MS = 500;

function describe(error: { instancePath: string; message?: string; params: Record<string, unknown> }): PayloadError {
  const extra = typeof error.params.additionalProperty === 'string' ? `: ${error.params.additionalProperty}`
    : Array.isArray(error.params.allowedValues) ? `: ${error.params.allowedValues.map(String).join(', ')}` : '';
  return { path: error.instancePath, message: `${error.message ?? 'is invalid'}${extra}` };
}

/** allOf branches report a missing property once each: say it once. */
function distinct(errors: PayloadError[]): PayloadError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\n${error.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * Judges delivery bodies against the sender's contract (ajv; OpenAPI 3.0 schemas are JSON Schema
 * plus `nullable`, which ajv knows, and annotations it ignores). A client bound to a schema has
 * every JSON delivery judged by it; otherwise an event whose type is one of the image API's
 * webhooks is judged by that callback's schema from openapi/image-api.yaml.
 */
export class PayloadChecker {
  // Patterns run on RE2: a client's schema must not be able to stall the process (re2-regexp.ts).
  private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { regExp: re2RegExp } });
  private readonly compiled = new Map<string, ValidateFunction>();
  /** The same schema object again (every delivery of one event type) skips serialising it for `compiled`. */
  private readonly compiledBySchema = new WeakMap<object, ValidateFunction>();
  private defaults: Map<string, CallbackContract> | undefined;
  private readonly warmUp: NodeJS.Timeout;

  constructor() {
    addFormats(this.ajv);
    // ajv-formats' url backtracks for quadratic time on a sender's string: the same check on RE2.
    this.ajv.addFormat('url', isUrl);
    // Read the image API's contract soon, off the delivery path: the first delivery should not wait for it.
    this.warmUp = setTimeout(() => void imageApiCallbacks().catch(() => undefined), CONTRACT_WARM_UP_MS).unref();
  }

  close(): void {
    clearTimeout(this.warmUp);
  }

  /** The schema a registration stands for, checked to compile; throws InvalidPayloadSchemaError. */
  async resolve(input: PayloadSchemaInput): Promise<PayloadSchema> {
    const schema: PayloadSchema = 'jsonSchema' in input
      ? { source: 'json-schema', callback: null, schema: input.jsonSchema }
      : { source: 'openapi-callback', callback: input.callback, schema: await this.callbackSchema(input.openapi, input.callback) };
    // What is stored is what is checked: a number JSON cannot write would be stored as null
    // (and is refused before it is compiled, whose cache is keyed by the schema as JSON).
    const unstorable = nonFiniteNumberAt(schema.schema);
    if (unstorable !== undefined) throw new InvalidPayloadSchemaError(`the schema holds a number too large for JSON at ${JSON.stringify(unstorable)} (read as Infinity, it would be stored as null); use a number within the double range`);
    this.validator(schema.schema);
    // ajv compiles only the patterns it may run: the others must be RE2's too, should a later schema reach them.
    for (const pattern of schemaPatterns(schema.schema)) re2Pattern(pattern);
    return schema;
  }

  /** `json`: the delivery's body as parseJsonObject read it (undefined when it is not a JSON object). */
  async verdict(bound: PayloadSchema | null, eventType: string, json: Record<string, unknown> | undefined): Promise<PayloadVerdict> {
    const contract = bound ? { schema: bound.schema, name: bound.callback === null ? 'the client\'s JSON Schema' : `the client's OpenAPI callback ${bound.callback}` } : await this.defaultFor(eventType);
    if (!contract) return UNCHECKED;
    if (json === undefined) return { valid: false, schema: contract.name, errors: [{ path: '', message: 'the body is not a JSON object' }] };
    let validate: ValidateFunction;
    try {
      validate = this.validator(contract.schema);
    } catch (error) {
      // A schema that compiled when it was registered can still clash with another (two clients' schemas with one $id).
      return { valid: false, schema: contract.name, errors: [{ path: '', message: (error as Error).message }] };
    }
    let valid: boolean;
    try {
      valid = validate(json) as boolean;
    } catch (error) {
      // The delivery is stored whatever its schema does: one whose $ref leads back to it without
      // reading further into the body ({"$ref": "#"}) recurses until the stack runs out.
      const message = error instanceof RangeError ? 'the schema refers back to itself without reading further into the body, so checking it never ends' : `the schema could not be checked: ${(error as Error).message}`;
      return { valid: false, schema: contract.name, errors: [{ path: '', message }] };
    }
    if (valid) return { valid: true, schema: contract.name, errors: [] };
    return { valid: false, schema: contract.name, errors: distinct((validate.errors ?? []).map(describe)).slice(0, MAX_ERRORS) };
  }

  private async defaultFor(eventType: string): Promise<{ schema: Record<string, unknown>; name: string } | undefined> {
    this.defaults ??= new Map((await imageApiCallbacks()).filter((callback) => callback.eventType !== null).map((callback) => [callback.eventType as string, callback]));
    const callback = this.defaults.get(eventType);
    return callback && { schema: callback.schema, name: `the image API's callback ${callback.name} (openapi/image-api.yaml)` };
  }

  private async callbackSchema(document: Record<string, unknown>, name: string): Promise<Record<string, unknown>> {
    const callbacks = await readCallbackContracts(structuredClone(document) as never);
    const callback = callbacks.find((candidate) => candidate.name === name);
    if (!callback) {
      const known = callbacks.map((candidate) => candidate.name);
      throw new InvalidPayloadSchemaError(`the OpenAPI document has no callback "${name}" with a JSON request body${known.length > 0 ? `; it has ${known.join(', ')}` : ''}`);
    }
    return callback.schema;
  }

  private validator(schema: Record<string, unknown>): ValidateFunction {
    const known = this.compiledBySchema.get(schema);
    if (known) return known;
    let key: string;
    try {
      key = JSON.stringify(schema);
    } catch (error) {
      // A schema parsed from JSON holds no cycle; one nested thousands deep overflows the stack.
      throw new InvalidPayloadSchemaError(error instanceof RangeError ? 'the schema nests objects and arrays too deeply for the receiver to store' : 'the schema refers to itself, which the receiver cannot store');
    }
    let validate = this.compiled.get(key);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        if (error instanceof InvalidPayloadSchemaError) throw error;
        throw new InvalidPayloadSchemaError(`the schema does not compile: ${(error as Error).message}`);
      }
      // ajv makes a `$async: true` schema a validator that returns a promise, which reads as valid
      // whatever the body and rejects, unhandled, when it is not: a delivery is judged as it arrives.
      if (validate.schemaEnv.$async) throw new InvalidPayloadSchemaError('the schema is "$async": true, and deliveries are checked as they arrive; remove $async');
      this.compiled.set(key, validate);
    }
    this.compiledBySchema.set(schema, validate);
    return validate;
  }
}
