import { schemaPatterns } from '../../../src/webhooks/schema-patterns';

describe('schemaPatterns', () => {
  it('finds every pattern and patternProperties name, in subschemas ajv never compiles too', () => {
    const schema = {
      type: 'object',
      properties: { default: { pattern: 'in-a-property-named-default' }, items: { anyOf: [{ pattern: 'in-anyOf' }] } },
      patternProperties: { '^x-': {} },
      $defs: { unused: { items: [{ not: { pattern: 'in-an-unused-definition' } }] } },
      additionalProperties: { propertyNames: { pattern: 'in-propertyNames' } },
    };
    expect(schemaPatterns(schema).sort()).toEqual(['^x-', 'in-a-property-named-default', 'in-an-unused-definition', 'in-anyOf', 'in-propertyNames']);
  });

  it('leaves out what is data, not schema: enum, const, default, examples', () => {
    const data = { pattern: '(?=data)' };
    expect(schemaPatterns({ type: 'object', enum: [data], const: data, default: data, examples: [data] })).toEqual([]);
  });

  it('visits a subschema shared by two places, or one that refers to itself, once', () => {
    const node: Record<string, unknown> = { pattern: 'p' };
    node.items = node;
    expect(schemaPatterns({ allOf: [node, node] })).toEqual(['p']);
  });
});
