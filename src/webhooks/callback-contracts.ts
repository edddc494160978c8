import type { Document } from 'openapi-backend';
import { specPath } from '../kit';
import { InvalidPayloadSchemaError } from './errors';

/** One webhook an OpenAPI document declares as a callback: what its JSON body must be. */
export interface CallbackContract {
  /** The callback's name in the document, e.g. `imageProcessed`. */
  name: string;
  /** The event type its example carries (`event_type` or `type`), e.g. `image.processed`. */
  eventType: string | null;
  /** The body's schema, dereferenced (an OpenAPI 3.0 Schema Object). */
  schema: Record<string, unknown>;
  /** The body's example, as the document gives it. */
  example: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

function eventTypeOfExample(example: unknown): string | null {
  if (!isObject(example)) return null;
  const type = example.event_type ?? example.type;
  return typeof type === 'string' ? type : null;
}

/** Every callback of every operation whose request body is JSON, in document order. */
function callbacksOf(document: Json): CallbackContract[] {
  const contracts: CallbackContract[] = [];
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    for (const operation of Object.values(isObject(item) ? item : {})) {
      if (!isObject(operation) || !isObject(operation.callbacks)) continue;
      for (const [name, callback] of Object.entries(operation.callbacks)) {
        for (const expression of Object.values(isObject(callback) ? callback : {})) {
          const media = isObject(expression) && isObject(expression.post) && isObject(expression.post.requestBody) && isObject(expression.post.requestBody.content)
            ? expression.post.requestBody.content['application/json'] : undefined;
          if (!isObject(media) || !isObject(media.schema)) continue;
          contracts.push({ name, eventType: eventTypeOfExample(media.example), schema: media.schema, example: media.example });
        }
      }
    }
  }
  return contracts;
}

/** The first `$ref` that does not point into the document itself (`#/...`), if any. */
function firstNonLocalRef(document: Json): string | undefined {
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isObject(node) && typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return node.$ref;
    if (node !== null && typeof node === 'object') for (const value of Object.values(node)) pending.push(value);
  }
  return undefined;
}

/**
 * The callbacks an OpenAPI 3.0 document declares, its `$ref`s resolved (openapi-backend
 * dereferences). A user's document (an object) may refer only into itself: openapi-backend
 * resolves nothing else from an object, and would only warn on the console.
 */
export async function readCallbackContracts(document: Document | string): Promise<CallbackContract[]> {
  const external = typeof document === 'string' ? undefined : firstNonLocalRef(document as unknown as Json);
  if (external !== undefined) throw new InvalidPayloadSchemaError(`the OpenAPI document's $ref ${JSON.stringify(external)} is not local: a $ref must point into the document (#/...)`);
  // Loaded with the first contract read, not with the receiver.
  const { OpenAPIBackend } = await import('openapi-backend');
  // strict: a document it cannot dereference is an error here, not a console warning and an empty definition.
  const api = new OpenAPIBackend({ definition: document, quick: true, validate: false, strict: true });
  try {
    await api.init();
  } catch (error) {
    throw new InvalidPayloadSchemaError(`the OpenAPI document cannot be read: ${(error as Error).message}`);
  }
  return callbacksOf(api.definition as unknown as Json);
}

let imageApi: Promise<CallbackContract[]> | undefined;

/**
 * The image API's webhooks, read from its contract (openapi/image-api.yaml, the upload
 * operation's callbacks) the first time they are needed: the test-event templates and the
 * default payload checks come from there, never from a copy.
 */
export function imageApiCallbacks(): Promise<CallbackContract[]> {
  imageApi ??= readCallbackContracts(specPath('image-api'));
  return imageApi;
}
