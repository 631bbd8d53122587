/**
 * What a file is, from its bytes alone: never from its name or the content-type a client sends.
 *
 * - PDF: `%PDF-` at the start.
 * - PNG: the 8-byte signature followed by the IHDR chunk.
 * - JPEG: SOI (FF D8) followed by a marker (FF).
 * - docx / xlsx: a zip (local header `PK\3\4` at the start) whose central directory names
 *   `word/document.xml` resp. `xl/workbook.xml`. The directory is read here (its end record, then
 *   its entries' names) rather than with a zip library: nothing is inflated, every offset is bounds
 *   checked, and a zip without the part (any other zip, a jar, an .odt) is refused.
 */
import type { EvidenceType } from '../../shared/model/evidence-file';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
/** More entries than any document has; a directory claiming more is not read. */
const MAX_ENTRIES = 100_000;

/** The names in a zip's central directory, or null when it is not a readable zip. */
export function zipEntryNames(data: Uint8Array): string[] | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  // The end record is the last 22 bytes plus a comment of up to 65535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const at = Number(buf.readBigUInt64LE(locator + 8));
    if (!Number.isSafeInteger(at) || at < 0 || at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) return null;
    entries = Number(buf.readBigUInt64LE(at + 32));
    size = Number(buf.readBigUInt64LE(at + 40));
    offset = Number(buf.readBigUInt64LE(at + 48));
  }
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || entries > MAX_ENTRIES || offset + size > buf.length) return null;
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > offset + size || buf.readUInt32LE(p) !== CENTRAL_HEADER) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > offset + size) return null;
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLength));
    p = end;
  }
  return names;
}

/** The evidence type of `data`, or null when it is none of the allowed ones. */
export function detectEvidenceType(data: Uint8Array): EvidenceType | null {
  if (startsWith(data, ascii('%PDF-'))) return 'pdf';
  if (startsWith(data, PNG) && startsWith(data, ascii('IHDR'), 12)) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(data);
    if (!names) return null;
    const has = new Set(names);
    if (has.has('word/document.xml')) return 'docx';
    if (has.has('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}
