/** Turns sheets into streamed HTTP responses (the only I/O edge of the export writers). */
import { PassThrough, Readable } from 'node:stream';
import { csvChunks } from './csv-writer';
import type { Sheet } from './sheet';
import { writeXlsx } from './xlsx-writer';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function attachment(filename: string, label: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(label)}`;
}

function streamed(body: Readable, type: string, filename: string, label: string): Response {
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: { 'content-type': type, 'content-disposition': attachment(filename, label), 'cache-control': 'no-store' },
  });
}

export function xlsxResponse(sheets: readonly Sheet[], filename: string, label: string): Response {
  const out = new PassThrough();
  writeXlsx(sheets, out).then(
    () => out.end(),
    (err: unknown) => {
      // Headers are gone by now; cutting the stream makes the client see a failed download, not a bad file.
      console.error('[export] xlsx failed', err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    },
  );
  return streamed(out, XLSX_TYPE, filename, label);
}

/** A web stream carries bytes, not strings (Node's HTTP adapter forgave strings; `fetch` and app.request do not). */
function* utf8(chunks: Iterable<string>): Generator<Uint8Array> {
  for (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

export function csvResponse(sheet: Sheet, filename: string, label: string): Response {
  return streamed(Readable.from(utf8(csvChunks(sheet))), 'text/csv; charset=utf-8', filename, label);
}

export function bufferResponse(data: Buffer, type: string, filename: string, label: string): Response {
  return new Response(new Uint8Array(data), {
    headers: { 'content-type': type, 'content-disposition': attachment(filename, label), 'cache-control': 'no-store' },
  });
}
