/**
 * An empty record for keys that come from outside (client ids, event types, header and field
 * names). A plain `{}` inherits Object.prototype: a key such as `__proto__` or `toString` would
 * read the prototype's member, and writing through it changes every object of the process. This
 * one has no prototype, so every key is its own; JSON.stringify and Object.entries see them all.
 */
export function inputKeyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
