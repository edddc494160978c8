/**
 * fast-check arbitraries for the JSON Schema subset OpenAPI 3.0.3 uses: `valid` values the schema
 * accepts (its example among them), `broken` ones that break it the ways clients do (wrong
 * types, values just past each bound, missing and extra fields, hostile values), and `fuzzed`
 * ones, mostly valid with broken parts, so a request gets past its first check now and then.
 */
import fc from 'fast-check';
import { hostileNumber, hostileValue } from './hostile-values';

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  not?: Schema;
  nullable?: boolean;
  example?: unknown;
}

/** Longest string, array or map generated for a schema that allows more; hostile values go further. */
const LONGEST = 40;
const MOST_ITEMS = 4;
const KEYS_THAT_MEAN_SOMETHING = ['__proto__', 'constructor', 'prototype', 'toString', ''];

/** fast-check builds a pattern's character classes anew for each arbitrary, which takes seconds for `\P{Cc}`: build each once. */
const patterns = new Map<string, fc.Arbitrary<string>>();

export class SchemaArbitraries {
  /** `binary`: the bytes of a `format: binary` string (files of the multipart bodies). */
  constructor(private readonly binary: fc.Arbitrary<Buffer>) {}

  valid(schema: Schema = {}): fc.Arbitrary<unknown> {
    const values = this.validByType(schema);
    const withExample = schema.example === undefined ? values : fc.oneof({ weight: 3, arbitrary: values }, { weight: 1, arbitrary: fc.constant(schema.example) });
    return schema.nullable ? fc.option(withExample, { nil: null, freq: 8 }) : withExample;
  }

  /** A value that breaks `schema`, or is hostile whatever the schema says. */
  broken(schema: Schema = {}): fc.Arbitrary<unknown> {
    const structural = schema.type === 'object' || schema.properties ? [this.object(schema, (s) => this.fuzzed(s), true)] : [];
    return fc.oneof(this.wrongType(schema), this.pastBounds(schema), hostileValue, ...structural);
  }

  fuzzed(schema: Schema = {}): fc.Arbitrary<unknown> {
    if (schema.type === 'object' || schema.properties) {
      return fc.oneof({ weight: 3, arbitrary: this.object(schema, (s) => this.fuzzed(s), true) }, { weight: 1, arbitrary: this.broken(schema) });
    }
    return fc.oneof({ weight: 3, arbitrary: this.valid(schema) }, { weight: 1, arbitrary: this.broken(schema) });
  }

  private validByType(schema: Schema): fc.Arbitrary<unknown> {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) return fc.oneof(...branches.map((branch) => this.valid(branch)));
    if (schema.allOf) return this.valid(mergeAll(schema.allOf));
    switch (schema.type) {
      case 'string':
        return this.validString(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e12, max: schema.maximum ?? 1e12, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const minLength = schema.minItems ?? 0;
        return fc.array(this.valid(schema.items), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MOST_ITEMS, MOST_ITEMS)) });
      }
      case 'object':
        return this.object(schema, (s) => this.valid(s), false);
      default:
        return schema.properties ? this.object(schema, (s) => this.valid(s), false) : fc.jsonValue({ maxDepth: 3 });
    }
  }

  private validString(schema: Schema): fc.Arbitrary<unknown> {
    const minLength = schema.minLength ?? 0;
    const maxLength = schema.maxLength ?? Math.max(minLength, LONGEST);
    const fitsLength = (s: string) => [...s].length >= minLength && [...s].length <= maxLength;
    const forbidden = schema.not?.enum ?? [];
    const allowed = (s: string) => fitsLength(s) && !forbidden.includes(s);
    switch (schema.format) {
      case 'binary':
        return this.binary;
      case 'uuid':
        return fc.uuid();
      case 'date-time':
        return fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'date':
        return fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      case 'uri':
        return fc.webUrl();
    }
    if (schema.pattern) return matching(schema.pattern).filter(allowed);
    const longest = Math.max(minLength, Math.min(maxLength, LONGEST));
    return fc.oneof(fc.string({ minLength, maxLength: longest }), fc.string({ unit: 'binary', minLength, maxLength: longest })).filter(allowed);
  }

  /**
   * An object of `child` values; when `mutate`, some required properties go missing and
   * unknown ones (including `__proto__`) come along.
   */
  private object(schema: Schema, child: (s: Schema) => fc.Arbitrary<unknown>, mutate: boolean): fc.Arbitrary<unknown> {
    const properties = Object.entries(schema.properties ?? {});
    const required = schema.required ?? [];
    const record = fc.record(Object.fromEntries(properties.map(([name, s]) => [name, child(s)])), { requiredKeys: required });
    const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const extraKey = fc.oneof(fc.constantFrom(...KEYS_THAT_MEAN_SOMETHING), fc.string({ maxLength: 12 }));
    const extras = mutate
      ? fc.dictionary(extraKey, this.fuzzed(additional), { maxKeys: 3 })
      : additional ? fc.dictionary(fc.string({ maxLength: 12 }), this.valid(additional), { maxKeys: 3 }) : fc.constant({});
    const dropped = mutate ? fc.subarray(required) : fc.constant([]);
    return fc.tuple(record, extras, dropped).map(([value, extra, missing]) => {
      const result: Record<string, unknown> = {};
      // defineProperty, so `__proto__` becomes a key of the document rather than its prototype.
      for (const [name, v] of [...Object.entries(extra), ...Object.entries(value)]) {
        Object.defineProperty(result, name, { value: v, enumerable: true, writable: true, configurable: true });
      }
      for (const name of missing) delete result[name];
      return result;
    });
  }

  private wrongType(schema: Schema): fc.Arbitrary<unknown> {
    const others: Record<string, fc.Arbitrary<unknown>> = {
      string: fc.string({ maxLength: 8 }),
      integer: fc.integer(),
      number: fc.double({ noNaN: true, noDefaultInfinity: true }),
      boolean: fc.boolean(),
      null: fc.constant(null),
      array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      object: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    };
    const type = schema.type === 'number' ? ['number', 'integer'] : [schema.type];
    return fc.oneof(...Object.entries(others).filter(([name]) => !type.includes(name)).map(([, arbitrary]) => arbitrary));
  }

  /** Just past each bound the schema sets: one below the minimum, one character too many, a near miss of the enum. */
  private pastBounds(schema: Schema): fc.Arbitrary<unknown> {
    const misses: unknown[] = [];
    if (schema.minimum !== undefined) misses.push(schema.minimum - 1);
    if (schema.maximum !== undefined) misses.push(schema.maximum + 1);
    if (schema.type === 'integer') misses.push((schema.minimum ?? 0) + 0.5, Number.MAX_SAFE_INTEGER + 2);
    if (schema.maxLength !== undefined) misses.push('x'.repeat(schema.maxLength + 1));
    if (schema.minLength) misses.push('x'.repeat(schema.minLength - 1));
    if (schema.pattern) misses.push('no match!', ' ', '\u0000');
    for (const value of schema.enum ?? []) misses.push(`${String(value).toUpperCase()} `, `${String(value)}\u0000`);
    if (schema.maxItems !== undefined && schema.type === 'array') misses.push(Array.from({ length: schema.maxItems + 1 }, () => schema.items?.example ?? 1));
    if (schema.format) misses.push('not-a-' + schema.format, '2024-02-30T25:61:61Z', '00000000-0000-0000-0000-00000000000g');
    return misses.length ? fc.oneof(fc.constantFrom(...misses), hostileNumber) : hostileNumber;
  }
}

function matching(pattern: string): fc.Arbitrary<string> {
  let strings = patterns.get(pattern);
  if (!strings) {
    strings = fc.stringMatching(new RegExp(pattern, 'u'));
    patterns.set(pattern, strings);
  }
  return strings;
}

function mergeAll(schemas: Schema[]): Schema {
  return schemas.reduce<Schema>((merged, s) => ({
    ...merged,
    ...s,
    properties: { ...merged.properties, ...s.properties },
    required: [...(merged.required ?? []), ...(s.required ?? [])],
  }), {});
}
