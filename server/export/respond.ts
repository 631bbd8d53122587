/** Turns sheets into streamed HTTP responses (the only I/O edge of the export writers). */
import { PassThrough, Readable } from 'node:stream';
import { csvChunksAsync } from './csv-writer';
import type { Sheet } from './sheet';
import { ExportAbortedError, writeXlsx } from './xlsx-writer';

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

/** Sheets may come lazily (an async iterable): each is made when the writer reaches it (xlsx-writer.ts). */
export function xlsxResponse(sheets: Iterable<Sheet> | AsyncIterable<Sheet>, filename: string, label: string): Response {
  const out = new PassThrough();
  writeXlsx(sheets, out).then(
    () => out.end(),
    (err: unknown) => {
      // The client went away: the writer stopped reading, nothing to report.
      if (err instanceof ExportAbortedError) return;
      // Headers are gone by now; cutting the stream makes the client see a failed download, not a bad file.
      console.error('[export] xlsx failed', err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    },
  );
  return streamed(out, XLSX_TYPE, filename, label);
}

/** A web stream carries bytes, not strings (Node's HTTP adapter forgave strings; `fetch` and app.request do not). */
async function* utf8(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

/**
 * The csv, pulled by the response as the client reads it: a chunk's rows are read from the store only
 * when the chunk before it was taken, and a closed download ends the generator (and the store scan
 * under it). The first chunk is made before answering, so a store that cannot be read is still a proper
 * error response (503) instead of a cut download.
 */
export async function csvResponse(sheet: Sheet, filename: string, label: string): Promise<Response> {
  const chunks = csvChunksAsync(sheet);
  const first = await chunks.next();
  async function* all(): AsyncGenerator<string> {
    try {
      if (!first.done) yield first.value;
      yield* chunks;
    } finally {
      await chunks.return(undefined);
    }
  }
  return streamed(Readable.from(utf8(all())), 'text/csv; charset=utf-8', filename, label);
}

export function bufferResponse(data: Buffer, type: string, filename: string, label: string): Response {
  return new Response(new Uint8Array(data), {
    headers: { 'content-type': type, 'content-disposition': attachment(filename, label), 'cache-control': 'no-store' },
  });
}
