// Checks a value against an OpenAPI schema of the contract document, for what Dredd cannot
// check itself: response headers and bodies that are not one JSON document (NDJSON).
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const { toJsonSchema } = require('./json-schema');

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new WeakMap();

/** Problems with `value` under `openapiSchema`, one line each; empty when it conforms. */
function schemaProblems(openapiSchema, value) {
  if (!compiled.has(openapiSchema)) {
    compiled.set(openapiSchema, ajv.compile(toJsonSchema(openapiSchema)));
  }
  const validate = compiled.get(openapiSchema);
  return validate(value) ? [] : validate.errors.map((error) => `${error.instancePath || '/'} ${error.message}`);
}

/** A header value as the type its schema declares ("42" is the integer 42). */
function headerValue(openapiSchema, raw) {
  const numeric = ['integer', 'number'].includes(openapiSchema?.type) && /^-?\d+(\.\d+)?$/.test(raw);
  return numeric ? Number(raw) : raw;
}

module.exports = { schemaProblems, headerValue };
