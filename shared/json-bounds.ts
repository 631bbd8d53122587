/**
 * Bounds on JSON that is kept as it was given (a page context's extra fields, unknown record
 * fields from newer clients, and every request body at the server's edge): how deep it may nest,
 * how large it may be, and that neither its keys nor its strings hold characters that cannot be
 * stored (text-rules.ts) or the key `__proto__` (which `obj[key] = v` would not store as data).
 *
 * Walked without recursion, so a body nested 100,000 deep is refused instead of overflowing the stack.
 */
import { forbiddenCharacter } from './text-rules';

export interface JsonShapeProblem {
  code: 'too_deep' | 'too_large' | 'invalid';
  message: string;
  /** Where, as a zod-style path from the value given. */
  path: (string | number)[];
}

export interface JsonBounds {
  /** Nesting allowed: a string or number is depth 0, `{}` and `[]` depth 1, `{a: {}}` depth 2. */
  maxDepth: number;
  /** UTF-8 bytes of the value as JSON. */
  maxBytes?: number;
  /**
   * Parts whose text and keys someone else checks (a push's `mutations.N.fields`, which are judged
   * per mutation so one bad record is rejected alone instead of refusing the whole push): asked
   * for the paths of the first three levels; depth and size are still bounded there.
   */
  checkedElsewhere?: (path: readonly (string | number)[]) => boolean;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
  /** Text and keys here are checked elsewhere. */
  lenient: boolean;
}

const pathOf = (frame: Frame | null): (string | number)[] => {
  const out: (string | number)[] = [];
  for (let f = frame; f && f.key !== null; f = f.parent) out.unshift(f.key);
  return out;
};

/** UTF-8 length of a string without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonShapeProblem(value: unknown, bounds: JsonBounds): JsonShapeProblem | null {
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null, lenient: false }];
  const child = (v: unknown, depth: number, parent: Frame, key: string | number): Frame => {
    const frame: Frame = { value: v, depth, parent, key, lenient: parent.lenient };
    if (!frame.lenient && bounds.checkedElsewhere && depth <= 3) frame.lenient = bounds.checkedElsewhere(pathOf(frame));
    return frame;
  };
  // Approximate JSON size: strings and keys by their UTF-8 length plus quotes, two bytes of
  // punctuation per member; close enough to bound what is stored, without serialising it.
  let bytes = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v === 'string') {
      const bad = frame.lenient ? null : forbiddenCharacter(v);
      if (bad) return { code: 'invalid', message: `含有不允许的字符 ${bad}`, path: pathOf(frame) };
      bytes += utf8Length(v) + 2;
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
      bytes += 5;
    } else if (typeof v === 'object') {
      const depth = frame.depth + 1;
      if (depth > bounds.maxDepth) return { code: 'too_deep', message: `嵌套层级过深（最多 ${bounds.maxDepth} 层）`, path: pathOf(frame) };
      bytes += 2;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(child(v[i], depth, frame, i));
        bytes += v.length;
      } else {
        for (const key of Object.keys(v)) {
          if (!frame.lenient) {
            if (key === '__proto__') return { code: 'invalid', message: '字段名 __proto__ 是保留名称，不能使用', path: [...pathOf(frame), key] };
            const bad = forbiddenCharacter(key);
            if (bad) return { code: 'invalid', message: `字段名含有不允许的字符 ${bad}`, path: [...pathOf(frame), key] };
          }
          bytes += utf8Length(key) + 4;
          stack.push(child((v as Record<string, unknown>)[key], depth, frame, key));
        }
      }
    }
    if (bounds.maxBytes !== undefined && bytes > bounds.maxBytes) {
      return { code: 'too_large', message: `内容过大（最多 ${Math.round(bounds.maxBytes / 1024)} KB）`, path: [] };
    }
  }
  return null;
}
