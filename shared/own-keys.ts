/**
 * Reading and writing object keys that come from users (field names in a push, keys inside a
 * field's value) without touching the prototype: `obj['__proto__'] = v` would replace the
 * prototype instead of storing data, and `obj['constructor']` finds Object's own.
 */
export function getOwn<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
