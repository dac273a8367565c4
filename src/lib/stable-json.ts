/** JSON with object keys sorted at every level: the same value always gives the same text (for hashing). */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Plain JSON data as it will come back from a jsonb column (Dates become ISO strings, undefined disappears). */
export function toJsonValue<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
