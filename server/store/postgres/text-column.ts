/**
 * Keys and indexed values as PostgreSQL text. Text columns cannot hold U+0000, and the driver turns
 * a lone surrogate into U+FFFD (two different ids would become one). The embedded store accepts
 * both, so such a value is stored as \u0001 + its JSON (which escapes them), and so is any value
 * that starts with \u0001 — the mapping stays one-to-one. Ordinary ids pass through unchanged.
 */
const ESCAPED = '\u0001';
const LONE_SURROGATE = /\p{Cs}/u;

const needsEscape = (value: string): boolean => value.startsWith(ESCAPED) || value.includes('\u0000') || LONE_SURROGATE.test(value);

export function toTextColumn(value: string): string {
  return needsEscape(value) ? `${ESCAPED}${JSON.stringify(value)}` : value;
}

/** An indexed field's column value: null for a missing field, the embedded index's `String(v)` otherwise. */
export function indexValue(value: unknown): string | null {
  return value === null || value === undefined ? null : toTextColumn(String(value));
}
