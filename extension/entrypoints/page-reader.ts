/**
 * Run in a page's frame on demand by the background (see page/on-demand.ts): leaves the page
 * readers where the launcher, in the same isolated world, finds them. Running it twice is harmless.
 */
import { type InjectedPageReader, PAGE_READER_GLOBAL } from '../page/on-demand';
import { readPageFacts } from '../page/reader';

export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  g[PAGE_READER_GLOBAL] ??= { readPageFacts } satisfies InjectedPageReader;
});
