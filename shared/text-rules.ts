/**
 * Which characters may be stored as text. Refused: C0 control characters other than tab, line feed
 * and carriage return (they make exported XML invalid or vanish from spreadsheets), lone surrogates
 * (not text at all), Unicode non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every
 * plane: invalid in XML), and the bidirectional embedding, override and isolate controls (they make a
 * list show text in an order other than it was written). The server refuses them at its edge; the
 * extension cleans pasted and page text with `cleanText` before it ever gets that far.
 */

const PLANE_ENDS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}FFFE}\\u{${(i + 1).toString(16)}FFFF}`).join('');
const FORBIDDEN = `\\p{Cs}\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u202A-\\u202E\\u2066-\\u2069\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${PLANE_ENDS}`;

/** Matches a string with none of the forbidden characters (for zod's `.regex`). */
export const ALLOWED_TEXT = new RegExp(`^[^${FORBIDDEN}]*$`, 'u');
const FORBIDDEN_ONE = new RegExp(`[${FORBIDDEN}]`, 'u');
const FORBIDDEN_ALL = new RegExp(`[${FORBIDDEN}]`, 'gu');

export const FORBIDDEN_TEXT_MESSAGE = '含有不允许的字符（控制字符、文字方向控制符或 Unicode 非字符）';

function kindOf(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) return '不成对的代理项';
  if (code < 0x20) return '控制字符';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return '文字方向控制符';
  return 'Unicode 非字符';
}

/** The first forbidden character of `s`, described for a person ("U+FFFE（Unicode 非字符）"), or null. */
export function forbiddenCharacter(s: string): string | null {
  const m = FORBIDDEN_ONE.exec(s);
  if (!m) return null;
  const code = m[0].codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}（${kindOf(code)}）`;
}

/**
 * Text made storable: vertical tab and form feed (Word's soft breaks) become line feeds, other
 * forbidden characters go, lone surrogates become U+FFFD. For text the user did not type
 * character by character: pasted passages, page titles, selections.
 */
export function cleanText(s: string): string {
  // Vertical tab and form feed become line breaks; the rest that the store cannot keep is dropped.
  return s
    .replace(/[\v\f]/g, '\n')
    .replace(FORBIDDEN_ALL, (ch) => (ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff ? '\uFFFD' : ''));
}

/** `cleanText` applied to every string inside a JSON value (page contexts, whole records); keys are left as they are. */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanJson(v)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanJson(v)])) as T;
  return value;
}
