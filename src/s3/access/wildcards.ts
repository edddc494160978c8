/** IAM's wildcard matching (Action, Resource, StringLike, ArnLike): `*` any run, `?` one character. */
const compiled = new Map<string, RegExp>();

export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(cacheKey);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[\\s\\S]*').replaceAll('?', '[\\s\\S]');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(cacheKey, regex);
  }
  return regex.test(value);
}
