/**
 * Where a request's parameters (body, query and path, as parsed) hold a NUL character (U+0000), in a key or a string
 * value, as a field path (`notes`, `scopes[1]`); null when nowhere. PostgreSQL text cannot store NUL, so such a value
 * is refused as bad input instead of failing in the database. Walked with a stack, not recursion: a body may nest
 * thousands deep.
 */
export function findNulCharacter(params: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: params, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) return at;
        stack.push({ value: item, path: at });
      }
    }
  }
  return null;
}
