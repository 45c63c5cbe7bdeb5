/**
 * JSON as Python's `json.dumps(value, ensure_ascii=False)` writes it (", " and ": "
 * separators, keys in insertion order) — the form chat templates' `tojson` filter gives a tool
 * call's arguments, so a <tool_call> the studio writes is the text the template would render.
 * Strings are escaped as JSON.stringify does, which matches Python for every well-formed string.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(pyJsonDumps).join(', ') + ']';
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return '{' + members.map(([k, v]) => JSON.stringify(k) + ': ' + pyJsonDumps(v)).join(', ') + '}';
  }
  throw new TypeError(`cannot write ${typeof value} as JSON`);
}
