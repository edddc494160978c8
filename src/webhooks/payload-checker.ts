import { isDeepStrictEqual } from 'node:util';
import type { ValidateFunction } from 'ajv';
import { isQuickCheck, schemaCost, type SchemaCost } from './check-cost';
import { imageApiCallbacks, readCallbackContracts, type CallbackContract } from './callback-contracts';
import { InvalidPayloadSchemaError } from './errors';
import { UNCHECKED, type PayloadVerdict } from './event-record';
import { nonFiniteNumberAt } from './non-finite-numbers';
import { PayloadCheckThread } from './payload-check-thread';
import { asyncSchemaProblem, judgePayload, notJudged, notValid, payloadAjv, type PayloadJudgement } from './payload-validation';
import { re2Pattern } from './re2-regexp';
import { schemaPatterns } from './schema-patterns';

/** A schema a client's deliveries are checked against: a JSON Schema, or an OpenAPI callback's body schema. */
export interface PayloadSchema {
  source: 'json-schema' | 'openapi-callback';
  /** The callback's name for an OpenAPI callback; null for a JSON Schema. */
  callback: string | null;
  /** The schema itself, references resolved. */
  schema: Record<string, unknown>;
}

/**
 * What a user registers: a JSON Schema, or an OpenAPI 3.0 document and the name of one of its
 * callbacks, or a schema as the client's settings show it (read, and written back).
 */
export type PayloadSchemaInput = { jsonSchema: Record<string, unknown> } | { openapi: Record<string, unknown>; callback: string } | { asShown: PayloadSchema };

/** How long after start-up the image API's contract is read: off the start-up path, before most deliveries. */
const CONTRACT_WARM_UP_MS = 500;

/**
 * Judges delivery bodies against the sender's contract (payload-validation.ts). A client bound
 * to a schema has every JSON delivery judged by it; otherwise an event whose type is one of the
 * image API's webhooks is judged by that callback's schema from openapi/image-api.yaml. A check
 * known to be quick (check-cost.ts) runs here, at once; any other in a worker thread, stopped
 * at a time limit (payload-check-thread.ts), so that no delivery holds up the server.
 */
export class PayloadChecker {
  private readonly ajv = payloadAjv();
  private readonly compiled = new Map<string, ValidateFunction>();
  /** The same schema object again (every delivery of one event type) skips serialising it for `compiled`. */
  private readonly compiledBySchema = new WeakMap<object, ValidateFunction>();
  private readonly costBySchema = new WeakMap<object, SchemaCost>();
  private readonly thread = new PayloadCheckThread();
  private defaults: Map<string, CallbackContract> | undefined;
  private readonly warmUp: NodeJS.Timeout;

  constructor() {
    // Read the image API's contract and start the worker soon, off the start-up path: the first delivery should not wait for them.
    this.warmUp = setTimeout(() => {
      this.thread.start();
      void imageApiCallbacks().catch(() => undefined);
    }, CONTRACT_WARM_UP_MS).unref();
  }

  close(): void {
    clearTimeout(this.warmUp);
    this.thread.close();
  }

  /**
   * The schema a registration stands for, checked to compile; throws InvalidPayloadSchemaError.
   * `current`: the client's schema now, which a registration as the settings show it may keep.
   */
  async resolve(input: PayloadSchemaInput, current: PayloadSchema | null): Promise<PayloadSchema> {
    const schema = await this.registered(input, current);
    // What is stored is what is checked: a number JSON cannot write would be stored as null
    // (and is refused before it is compiled, whose cache is keyed by the schema as JSON).
    const unstorable = nonFiniteNumberAt(schema.schema);
    if (unstorable !== undefined) throw new InvalidPayloadSchemaError(`the schema holds a number too large for JSON at ${JSON.stringify(unstorable)} (read as Infinity, it would be stored as null); use a number within the double range`);
    this.validator(schema.schema);
    // ajv compiles only the patterns it may run: the others must be RE2's too, should a later schema reach them.
    for (const pattern of schemaPatterns(schema.schema)) re2Pattern(pattern);
    return schema;
  }

  private async registered(input: PayloadSchemaInput, current: PayloadSchema | null): Promise<PayloadSchema> {
    if ('jsonSchema' in input) return { source: 'json-schema', callback: null, schema: input.jsonSchema };
    if ('openapi' in input) return { source: 'openapi-callback', callback: input.callback, schema: await this.callbackSchema(input.openapi, input.callback) };
    const { asShown } = input;
    // A JSON Schema as shown is the schema itself, registered again, edited or not. An OpenAPI
    // callback's was resolved from a document the receiver does not keep: only it may be kept.
    if (asShown.source === 'json-schema') return { source: 'json-schema', callback: null, schema: asShown.schema };
    if (current !== null && isDeepStrictEqual(asShown, JSON.parse(JSON.stringify(current)))) return current;
    throw new InvalidPayloadSchemaError(`a schema shown as the OpenAPI callback ${asShown.callback}'s is taken only as the client has it (it was resolved from a document the receiver does not keep); to change it, give {openapi, callback} or {json_schema}`);
  }

  /** `json`: the delivery's body as parseJsonObject read it (undefined when it is not a JSON object). */
  async verdict(bound: PayloadSchema | null, eventType: string, json: Record<string, unknown> | undefined): Promise<PayloadVerdict> {
    const contract = bound ? { schema: bound.schema, name: bound.callback === null ? 'the client\'s JSON Schema' : `the client's OpenAPI callback ${bound.callback}` } : await this.defaultFor(eventType);
    if (!contract) return UNCHECKED;
    if (json === undefined) return { ...notValid('the body is not a JSON object'), schema: contract.name };
    const judgement = isQuickCheck(this.costOf(contract.schema), json) ? this.judgeHere(contract.schema, json) : await this.thread.check(contract.schema, json);
    return { ...judgement, schema: contract.name };
  }

  /** A check known to be quick (check-cost.ts): judged at once, here. */
  private judgeHere(schema: Record<string, unknown>, json: Record<string, unknown>): PayloadJudgement {
    let validate: ValidateFunction;
    try {
      validate = this.validator(schema);
    } catch (error) {
      // A schema that compiled when it was registered can still clash with another (two clients' schemas with one $id).
      return notJudged(`the schema could not be checked: ${(error as Error).message}`);
    }
    return judgePayload(validate, json);
  }

  private costOf(schema: Record<string, unknown>): SchemaCost {
    let cost = this.costBySchema.get(schema);
    if (cost === undefined) {
      cost = schemaCost(schema);
      this.costBySchema.set(schema, cost);
    }
    return cost;
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
      const asyncProblem = asyncSchemaProblem(validate);
      if (asyncProblem !== undefined) throw new InvalidPayloadSchemaError(asyncProblem);
      this.compiled.set(key, validate);
    }
    this.compiledBySchema.set(schema, validate);
    return validate;
  }
}
