/**
 * An upload's bytes, read with a hard bound: a declared length over the bound is refused before a
 * byte is read, and a body that runs past it (chunked, or lying about its length) is cut off at the
 * first byte over, so no upload ever holds more than the bound in memory. The app-wide 10 MB limit
 * (http/body-limit.ts) leaves the upload routes to this.
 *
 * Two forms, both for `POST …/items/:itemId/files`:
 * - raw: the file's bytes as the body (any content-type but multipart), its name in `?name=`;
 * - `multipart/form-data`: the file in the field `file` (its filename is the name), as a browser form sends it.
 */
import { EVIDENCE_MAX_BYTES, EVIDENCE_RULE } from '../../shared/model/evidence-file';
import { ApiError } from '../http/errors';

export interface Upload {
  /** The name the client gave (raw, unsanitised: see `displayName`). */
  name: string;
  bytes: Buffer;
  /** A multipart form's other text fields (a console form's `_csrf`); empty for a raw body. */
  fields: Record<string, string>;
}

/** A multipart body carries boundaries and part headers besides the file. */
const MULTIPART_SLACK = 64 * 1024;

export const tooLarge = () => new ApiError(413, 'too_large', `文件过大：${EVIDENCE_RULE}`);

/** Reads at most `cap` bytes of `body`; one byte more and it stops reading and throws 413. */
export async function readBounded(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

/** The file of an upload request, in either form; 400 / 413 with a plain Chinese message otherwise. */
export async function readUpload(request: Request, opts: { name?: string; maxBytes?: number } = {}): Promise<Upload> {
  const maxBytes = opts.maxBytes ?? EVIDENCE_MAX_BYTES;
  const type = request.headers.get('content-type') ?? '';
  // A JSON body was read whole by the JSON guard already; it is no file anyway.
  if (/^application\/([a-z-.]+\+)?json/i.test(type)) {
    throw new ApiError(400, 'invalid', '请直接上传文件内容（或以 multipart/form-data 表单的 file 字段上传），不要用 JSON');
  }
  const multipart = /^multipart\/form-data\s*;/i.test(type);
  const cap = multipart ? maxBytes + MULTIPART_SLACK : maxBytes;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  const body = await readBounded(request.body, cap);
  if (!multipart) {
    if (body.length === 0) throw new ApiError(400, 'invalid', `没有收到文件内容。${EVIDENCE_RULE}`);
    return { name: opts.name ?? '', bytes: body, fields: {} };
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new ApiError(400, 'bad_request', '上传格式错误：不是有效的 multipart/form-data 表单');
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string') throw new ApiError(400, 'invalid', '请在表单字段 file 中选择要上传的文件', 'file');
  if (file.size > maxBytes) throw tooLarge();
  if (file.size === 0) throw new ApiError(400, 'invalid', `所选文件是空的。${EVIDENCE_RULE}`, 'file');
  const fields: Record<string, string> = {};
  for (const [key, value] of form)
    if (typeof value === 'string' && !Object.hasOwn(fields, key)) Object.defineProperty(fields, key, { value, enumerable: true });
  return { name: file.name, bytes: Buffer.from(await file.arrayBuffer()), fields };
}

/**
 * How many uploads may be read at once in this process. Each holds up to 20 MB until its blob is
 * on disk, so this bounds what uploads take of the heap (8 × 20 MB); one more is asked to retry.
 */
export class UploadSlots {
  private used = 0;
  constructor(readonly max = 8) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.used >= this.max) throw new ApiError(429, 'busy', '同时上传的文件较多，请稍后重试');
    this.used++;
    try {
      return await fn();
    } finally {
      this.used--;
    }
  }
}
