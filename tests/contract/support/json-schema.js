// OpenAPI 3.0 Schema Objects are a dialect of JSON Schema; this turns one into draft-07 so that
// Dredd's validator (gavel, ajv 6) and ajv 8 can check a response body against the spec itself.
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

// Formats both validators know; OpenAPI's own (binary, int32, byte...) only describe encodings.
const CHECKED_FORMATS = new Set(['date-time', 'date', 'time', 'uri', 'uri-reference', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
// OpenAPI keywords JSON Schema does not have.
const OPENAPI_ONLY = new Set(['nullable', 'example', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

function convert(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const result = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(keyword) || keyword.startsWith('x-')) continue;
    if (keyword === 'format' && !CHECKED_FORMATS.has(value)) continue;
    if (keyword === 'properties') result.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property)]));
    else if (['allOf', 'anyOf', 'oneOf'].includes(keyword)) result[keyword] = value.map(convert);
    else if (['items', 'additionalProperties', 'not'].includes(keyword)) result[keyword] = convert(value);
    else result[keyword] = value;
  }
  // OpenAPI 3.0 `nullable: true` is JSON Schema's null type (and a null enum member).
  if (schema.nullable === true && typeof result.type === 'string') {
    result.type = [result.type, 'null'];
    if (result.enum && !result.enum.includes(null)) result.enum = [...result.enum, null];
  }
  return result;
}

/** A draft-07 JSON Schema equivalent to a dereferenced OpenAPI 3.0 Schema Object. */
function toJsonSchema(openapiSchema) {
  return { $schema: DRAFT_07, ...convert(openapiSchema) };
}

module.exports = { toJsonSchema };
