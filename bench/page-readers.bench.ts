/**
 * Page readers on pages nobody wrote them for (issue 13): per-field accuracy (title, 文号, issuer,
 * date) and invented values over test/fixtures/oa-independent/, written by a hand that had not read
 * the readers, per set: `tune` pages may be looked at while writing reader code, `heldout` pages may not.
 *
 * Each page is parsed by happy-dom from its bytes (GBK pages decoded as the browser would) at the
 * address its vendor serves it from, with its same-origin frames handed to the readers as a browser
 * would (see `loaded`). `acceptAlso` holds a second reading a careful person would also accept.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { LEXICONS } from '../extension/page/lexicons';
import { readDocument } from '../extension/page/reader';

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * Each corpus with the name its sets are reported under: the first was written for tuning and holding
 * out, the later ones only to hold out. Once a corpus's failing pages have been opened to find what the
 * readers lack, it is tuning data: heldout-2 to heldout-16 have been; heldout-17 has not.
 */
const CORPORA = [
  { dir: path.resolve(here, '../test/fixtures/oa-independent'), label: (set: string) => set },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-2'), label: () => 'heldout-2' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-3'), label: () => 'heldout-3' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-4'), label: () => 'heldout-4' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-5'), label: () => 'heldout-5' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-6'), label: () => 'heldout-6' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-7'), label: () => 'heldout-7' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-8'), label: () => 'heldout-8' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-9'), label: () => 'heldout-9' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-10'), label: () => 'heldout-10' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-11'), label: () => 'heldout-11' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-12'), label: () => 'heldout-12' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-13'), label: () => 'heldout-13' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-14'), label: () => 'heldout-14' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-15'), label: () => 'heldout-15' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-16'), label: () => 'heldout-16' },
  { dir: path.resolve(here, '../test/fixtures/oa-independent-17'), label: () => 'heldout-17' },
];
const FIELDS = ['title', 'docNumber', 'issuer', 'docDate'] as const;
type Field = (typeof FIELDS)[number];

interface Frame {
  file: string;
  path: string;
  /** As the page declares it (utf-8, gbk, gb2312): decoded as a browser would. */
  charset: string;
  parent: string;
}

interface Page {
  frames?: Frame[];
  file: string;
  path: string;
  /** As the page declares it (utf-8, gbk, gb2312): decoded as a browser would. */
  charset: string;
  set: 'tune' | 'heldout';
  expect: Record<Field, string | null>;
  acceptAlso?: Partial<Record<Field, string | null | (string | null)[]>>;
}

interface Tally {
  right: number;
  pages: number;
  /** A value where the page has none. */
  invented: number;
}

/**
 * A page and its same-origin frames as a browser would give them to the content script: happy-dom
 * does not load frames, so each frame file of pages.json is parsed in its own window and handed out
 * as the `contentDocument` of the <iframe>/<frame> whose src names its path.
 */
function loaded(dir: string, file: string, charset: string, url: string, frames: Frame[]): { document: Document; windows: Window[] } {
  const html = new TextDecoder(charset).decode(readFileSync(path.join(dir, file)));
  const window = new Window({ url });
  window.document.write(html);
  const windows = [window];
  const document = window.document as unknown as Document;
  for (const frame of frames.filter((f) => f.parent === file)) {
    const frameUrl = new URL(frame.path, url).href;
    const inner = loaded(dir, frame.file, frame.charset, frameUrl, frames);
    windows.push(...inner.windows);
    for (const el of Array.from(document.querySelectorAll('iframe, frame'))) {
      const src = el.getAttribute('src');
      const target = src ? new URL(src, url) : null;
      if (target && target.pathname === new URL(frameUrl).pathname) Object.defineProperty(el, 'contentDocument', { get: () => inner.document });
    }
  }
  return { document, windows };
}

type Tallies = Map<string, Record<Field, Tally>>;

/** Reads every page of every corpus and tallies each field per set. */
async function score(): Promise<{ tally: Tallies; pages: number }> {
  const tally: Tallies = new Map();
  let count = 0;
  for (const corpus of CORPORA.filter((c) => existsSync(path.join(c.dir, 'pages.json')))) {
    const { pages } = JSON.parse(readFileSync(path.join(corpus.dir, 'pages.json'), 'utf8')) as { pages: Page[] };
    for (const page of pages) {
      count++;
      const url = `http://oa.example.edu.cn${page.path}`;
      const { document, windows } = loaded(corpus.dir, page.file, page.charset, url, page.frames ?? []);
      const read = readDocument(document, url) as unknown as Record<Field, string | null>;
      for (const w of windows) await w.happyDOM.close();
      const set = corpus.label(page.set);
      const row = tally.get(set) ?? (Object.fromEntries(FIELDS.map((f) => [f, { right: 0, pages: 0, invented: 0 }])) as Record<Field, Tally>);
      tally.set(set, row);
      for (const field of FIELDS) {
        const got = read[field] || null;
        const want = page.expect[field];
        const also = page.acceptAlso?.[field];
        // acceptAlso may hold null: leaving the field empty is then also a right answer (not an invented one).
        const accepted = got === want || (also !== undefined && ([] as (string | null)[]).concat(also).includes(got));
        row[field].pages++;
        if (accepted) row[field].right++;
        else if (want === null && got !== null) row[field].invented++;
      }
    }
  }
  return { tally, pages: count };
}

export default async function (): Promise<string> {
  const { tally, pages } = await score();
  // The floor: the same readers with every hand-written word list (extension/page/lexicons.ts) matching nothing.
  const kept = { ...LEXICONS };
  for (const key of Object.keys(LEXICONS) as (keyof typeof LEXICONS)[]) LEXICONS[key] = /(?!)/;
  const floor = await score().finally(() => Object.assign(LEXICONS, kept));
  const cell = (t: Tally) => `${t.right}/${t.pages} (${Math.round((t.right / t.pages) * 100)}%)${t.invented ? `, ${t.invented} invented` : ''}`;
  const lines = [
    '### Page readers on independent pages (issue 13)',
    '',
    `Per field, the pages read right out of ${pages} written by hands that had not seen the readers (test/fixtures/oa-independent/: 12 \`tune\`, 22 \`heldout\`; test/fixtures/oa-independent-2/ to -17/: \`heldout-2\` to \`heldout-17\`, each written later by another hand and first scored after the reader code it was then reported against was written); "invented" = a value where the page has none (aim: ≥ 95 % per field, 0 invented). The failing pages of heldout and heldout-2 to heldout-16 have since been opened to find what the readers lacked, so they are tuning data now: only heldout-17, never opened, is evidence of generalisation. "floor" = the same pages read with the hand-written word lists (document kinds, system names, unit endings: extension/page/lexicons.ts) matching nothing.`,
    '',
    '| set | pages | title | 文号 | issuer | date |',
    '|---|---|---|---|---|---|',
  ];
  // The first corpus's two sets, then one per later corpus, in the order they were written.
  const sets = ['tune', 'heldout', ...CORPORA.slice(1).map((c) => c.label(''))];
  for (const set of sets) {
    for (const [name, source] of [
      [set, tally],
      [`${set}, floor`, floor.tally],
    ] as const) {
      const row = source.get(set);
      if (row) lines.push(`| ${name} | ${row.title.pages} | ${cell(row.title)} | ${cell(row.docNumber)} | ${cell(row.issuer)} | ${cell(row.docDate)} |`);
    }
  }
  return lines.join('\n');
}
