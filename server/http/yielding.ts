/**
 * Long work on the event loop in slices: between slices other requests get their turn, so no one
 * request holds the server for more than a few milliseconds (issue: one office view regrouping
 * thousands of opinions used to hold every request until it was done).
 */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `fn` over `items`, `size` at a time, letting other requests in between slices. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, size = 2000): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await yieldToOthers();
    const end = Math.min(items.length, start + size);
    for (let i = start; i < end; i++) out[i] = fn(items[i]!, i);
  }
  return out;
}

/** `{"<key>":[…]}` as a streamed response, serialised `size` items at a time. */
export function jsonArrayResponse(key: string, items: readonly unknown[], size = 500): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0) await yieldToOthers();
      let text = next === 0 ? `{${JSON.stringify(key)}:[` : '';
      const slice = items.slice(next, next + size);
      if (slice.length > 0) text += (next > 0 ? ',' : '') + JSON.stringify(slice).slice(1, -1);
      next += size;
      const done = next >= items.length;
      controller.enqueue(encoder.encode(done ? `${text}]}` : text));
      if (done) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
