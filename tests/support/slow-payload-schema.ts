/**
 * A JSON Schema whose check takes seconds on any small body: `levels` of anyOf whose two branches
 * both refer to the next level, the last requiring a property no body has, so each level doubles
 * the work (20 levels took 7 s on one small body).
 */
export function doublingSchema(levels: number): Record<string, unknown> {
  const definitions: Record<string, unknown> = { [`level${levels}`]: { required: ['never-sent'] } };
  for (let level = 0; level < levels; level += 1) {
    const next = { $ref: `#/definitions/level${level + 1}` };
    definitions[`level${level}`] = { anyOf: [next, next] };
  }
  return { definitions, $ref: '#/definitions/level0' };
}
