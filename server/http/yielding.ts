/**
 * Long work on the event loop in slices: between slices other requests get their turn, so no one
 * request holds the server for more than a few milliseconds (issue: one office view regrouping
 * thousands of opinions used to hold every request until it was done).
 */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `fn` over `items`, letting other requests in between slices. A slice ends once the weights of its
 * items (by default 1 each; a merged opinion weighs its number of records) reach `budget`, so a
 * slice of a few huge items is as short as a slice of many small ones.
 */
export async function mapInSlices<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
  budget = 1000,
  weight: (item: T) => number = () => 1,
): Promise<U[]> {
  const out = new Array<U>(items.length);
  let spent = 0;
  for (let i = 0; i < items.length; i++) {
    if (spent >= budget) {
      await yieldToOthers();
      spent = 0;
    }
    out[i] = fn(items[i]!, i);
    spent += weight(items[i]!);
  }
  return out;
}

/** `{"<key>":[…]}` as a streamed response, serialised a slice at a time (slices weighed as in `mapInSlices`). */
export function jsonArrayResponse<T>(key: string, items: readonly T[], budget = 1000, weight: (item: T) => number = () => 1): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0) await yieldToOthers();
      let text = next === 0 ? `{${JSON.stringify(key)}:[` : '';
      const start = next;
      for (let spent = 0; next < items.length && (next === start || spent < budget); next++) spent += weight(items[next]!);
      if (next > start) text += (start > 0 ? ',' : '') + JSON.stringify(items.slice(start, next)).slice(1, -1);
      const done = next >= items.length;
      controller.enqueue(encoder.encode(done ? `${text}]}` : text));
      if (done) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
