/**
 * The independent OA-page corpora (test/fixtures/oa-independent*), each written by a hand that had not
 * read the readers, and how to load one of their pages as a browser would give it to the content
 * script. Used by the page-readers bench (per-field accuracy) and by the regression test over the
 * corpora already opened for tuning (test/unit/extension/oa-corpora.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export const FIELDS = ['title', 'docNumber', 'issuer', 'docDate'] as const;
export type Field = (typeof FIELDS)[number];

export interface CorpusFrame {
  file: string;
  path: string;
  /** As the page declares it (utf-8, gbk, gb2312): decoded as a browser would. */
  charset: string;
  parent: string;
}

export interface CorpusPage {
  frames?: CorpusFrame[];
  file: string;
  path: string;
  /** As the page declares it (utf-8, gbk, gb2312): decoded as a browser would. */
  charset: string;
  set: string;
  expect: Record<Field, string | null>;
  /** A second reading a careful person would also accept; null inside a list: leaving it empty is right too. */
  acceptAlso?: Partial<Record<Field, string | null | (string | null)[]>>;
}

export interface Corpus {
  dir: string;
  /** The name its pages are reported under (the first corpus has two sets, `tune` and `heldout`). */
  label: (set: string) => string;
  /**
   * Whether its failing pages have been opened to find what the readers lack. Once opened it is
   * tuning data: only corpora never opened are evidence of generalisation.
   */
  opened: boolean;
}

const later = (n: number, opened: boolean): Corpus => ({
  dir: path.join(fixtures, `oa-independent-${n}`),
  label: () => `heldout-${n}`,
  opened,
});

/**
 * In the order they were written. heldout-24, -44 … -49, -51, -53, -55 and -56 have not been opened; -43 and -50 were opened on 2026-12-04 (afternoon) after their first scores, to find what made their one invented value each, and -52 and -54 that evening after theirs (four and three invented values, on two 钉钉 approval lists and a topic home page), and -57 after its (three invented, scored after those fixes); -60 after its (one invented, scored with -58 … -62 after the fixes from -52, -54 and -57); -65 and -67 after theirs (seven and three invented, in the round -63 … -67); -68 and -71 after theirs (one invented each, in the round -68 … -72); -73 and -76 after theirs (eight and four invented, in the round -73 … -77), and -77 with them by mistake (its misses were printed in the same run); -79, -81 and -82 on 2026-12-04 (evening) after their first scores (six, three and one invented, in the round -78 … -82), while -78 and -80 stay unopened; -83, -84 and -86 after theirs (five, one and four invented, in the round -83 … -87, scored after the fixes from -79, -81 and -82), while -85 and -87 stay unopened; -88 and -91 after theirs (one and five invented, in the round -88 … -92, scored after the fixes from -83, -84 and -86), while -89, -90 and -92 stay unopened; -93, -94 and -96 after theirs (two, one and six invented, in the round -93 … -97, scored after the fixes from -88 and -91), while -95 and -97 stay unopened; -99 and -101 on 2026-12-04 (night) after theirs (three and seven invented, in the round -98 … -102, scored after the fixes from -93, -94 and -96), while -98, -100 and -102 stay unopened; -103 … -107 (round K, scored after the fixes from -99 and -101 and the examined misses of -93, -94 and -96) invented nothing on their first score and stay unopened; -109, -110 and -111 after theirs (three, one and four invented, in the round -108 … -112, scored with the same code as round K), while -108 and -112 stay unopened; -113, -114, -116 and -117 after theirs (two, one, five and three invented, in the round -113 … -117, scored after the fixes from -109 … -111), while -115 stays unopened; -119 and -121 after theirs (four and six invented, in the round -118 … -122, scored after the fixes from -113 … -117), while -118, -120 and -122 stay unopened; -124 and -126 on 2026-12-04 (late night) after theirs (three and eight invented, in the round -123 … -127, scored after the fixes from -119 and -121, the archival vocabulary and the stack-trace rule), while -123, -125 and -127 stay unopened; -131 after its (four invented, in the round -128 … -132, scored after the fixes from -124 and -126), while -128, -129, -130 and -132 stay unopened; -134 and -136 after theirs (three and four invented, in the round -133 … -137, scored after the fixes from -131 and the examined misses of -113 and -114), while -133, -135 and -137 stay unopened; -139, -141 and -142 on 2026-12-05 after theirs (three, one and one invented, in the round -138 … -142, scored after the fixes from -134 and -136), while -138 and -140 stay unopened; -143, -144, -146 and -147 after theirs (three, three, five and one invented, in the round -143 … -147, scored after the fixes from -139's last two pages), while -145 stays unopened; -149 and -151 after theirs (four and five invented, in the round -148 … -152, scored after the fixes from -143, -144, -146 and -147), while -148, -150 and -152 stay unopened; -156 and -157 after theirs (three and two invented, in the round -153 … -157, scored after the fixes from -149 and -151), while -153, -154 and -155 stay unopened; -158 and -161 after theirs (one invented each, in the round -158 … -162, scored after the fixes from -156 and the examined misses of -151), while -159, -160 and -162 stay unopened; -163, -164 and -165 after theirs (four, two and one invented, in the round -163 … -167, scored after the fixes from -158 and -161), while -166 and -167 stay unopened; -169 after its (four invented, in the round -168 … -172, scored after the fixes from -163, -164 and -165), while -168, -170, -171 and -172 stay unopened; -176 and -177 after theirs (one invented each, in the round -173 … -177, scored after the fixes from -169), while -173, -174 and -175 stay unopened; -178, -179 and -181 on 2026-12-05 (morning) after theirs (one, six and one invented, in the round -178 … -182, scored with the code of 688d9a5, after the fixes from -176 and -177), while -180 and -182 stay unopened; -183 … -197 (rounds AA, AB and AC, scored after the fixes from -178, -179, -181 and -131) invented nothing on their first scores and stay unopened; -199 after its (four invented, in the round -198 … -202, scored with the readers of 849bd73), while -198, -200, -201 and -202 stay unopened; -203 … -207 (round AE, scored with the same readers) invented nothing on their first scores and stay unopened. heldout-25 and -27 were opened on
 * 2026-12-04 when a lab run over every corpus printed their misses by mistake; -28 to -42 after their
 * first score (-40 and -41 by the same mistake: their misses were printed with -42's).
 */
export const CORPORA: Corpus[] = [
  { dir: path.join(fixtures, 'oa-independent'), label: (set) => set, opened: true },
  ...Array.from({ length: 22 }, (_, i) => later(i + 2, true)),
  later(24, false),
  later(25, true),
  later(26, true),
  later(27, true),
  later(28, true),
  later(29, true),
  later(30, true),
  later(31, true),
  later(32, true),
  later(33, true),
  later(34, true),
  later(35, true),
  later(36, true),
  later(37, true),
  later(38, true),
  later(39, true),
  later(40, true),
  later(41, true),
  later(42, true),
  later(43, true),
  later(44, false),
  later(45, false),
  later(46, false),
  later(47, false),
  later(48, false),
  later(49, false),
  later(50, true),
  later(51, false),
  later(52, true),
  later(53, false),
  later(54, true),
  later(55, false),
  later(56, false),
  later(57, true),
  later(58, false),
  later(59, false),
  later(60, true),
  later(61, false),
  later(62, false),
  later(63, false),
  later(64, false),
  later(65, true),
  later(66, false),
  later(67, true),
  later(68, true),
  later(69, false),
  later(70, false),
  later(71, true),
  later(72, false),
  later(73, true),
  later(74, false),
  later(75, false),
  later(76, true),
  later(77, true),
  later(78, false),
  later(79, true),
  later(80, false),
  later(81, true),
  later(82, true),
  later(83, true),
  later(84, true),
  later(85, false),
  later(86, true),
  later(87, false),
  later(88, true),
  later(89, false),
  later(90, false),
  later(91, true),
  later(92, false),
  later(93, true),
  later(94, true),
  later(95, false),
  later(96, true),
  later(97, false),
  later(98, false),
  later(99, true),
  later(100, false),
  later(101, true),
  later(102, false),
  later(103, false),
  later(104, false),
  later(105, false),
  later(106, false),
  later(107, false),
  later(108, false),
  later(109, true),
  later(110, true),
  later(111, true),
  later(112, false),
  later(113, true),
  later(114, true),
  later(115, false),
  later(116, true),
  later(117, true),
  later(118, false),
  later(119, true),
  later(120, false),
  later(121, true),
  later(122, false),
  later(123, false),
  later(124, true),
  later(125, false),
  later(126, true),
  later(127, false),
  later(128, false),
  later(129, false),
  later(130, false),
  later(131, true),
  later(132, false),
  later(133, false),
  later(134, true),
  later(135, false),
  later(136, true),
  later(137, false),
  later(138, false),
  later(139, true),
  later(140, false),
  later(141, true),
  later(142, true),
  later(143, true),
  later(144, true),
  later(145, false),
  later(146, true),
  later(147, true),
  later(148, false),
  later(149, true),
  later(150, false),
  later(151, true),
  later(152, false),
  later(153, false),
  later(154, false),
  later(155, false),
  later(156, true),
  later(157, true),
  later(158, true),
  later(159, false),
  later(160, false),
  later(161, true),
  later(162, false),
  later(163, true),
  later(164, true),
  later(165, true),
  later(166, false),
  later(167, false),
  later(168, false),
  later(169, true),
  later(170, false),
  later(171, false),
  later(172, false),
  later(173, false),
  later(174, false),
  later(175, false),
  later(176, true),
  later(177, true),
  later(178, true),
  later(179, true),
  later(180, false),
  later(181, true),
  later(182, false),
  later(183, false),
  later(184, false),
  later(185, false),
  later(186, false),
  later(187, false),
  later(188, false),
  later(189, false),
  later(190, false),
  later(191, false),
  later(192, false),
  later(193, false),
  later(194, false),
  later(195, false),
  later(196, false),
  later(197, false),
  later(198, false),
  later(199, true),
  later(200, false),
  later(201, false),
  later(202, false),
  later(203, false),
  later(204, false),
  later(205, false),
  later(206, false),
  later(207, false),
];

export function corpusPages(corpus: Corpus): CorpusPage[] {
  return (JSON.parse(readFileSync(path.join(corpus.dir, 'pages.json'), 'utf8')) as { pages: CorpusPage[] }).pages;
}

/** The address a page is read at: its vendor's path on a campus host. */
export const pageUrl = (page: CorpusPage): string => `http://oa.example.edu.cn${page.path}`;

/**
 * A page and its same-origin frames as a browser would give them to the content script: happy-dom
 * does not load frames, so each frame file is parsed in its own window and handed out as the
 * `contentDocument` of the <iframe>/<frame> whose src names its path. Close `windows` when done.
 */
export function loadPage(dir: string, page: Pick<CorpusPage, 'file' | 'charset' | 'frames'>, url: string): { document: Document; windows: Window[] } {
  return loaded(dir, page.file, page.charset, url, page.frames ?? []);
}

function loaded(dir: string, file: string, charset: string, url: string, frames: readonly CorpusFrame[]): { document: Document; windows: Window[] } {
  const html = new TextDecoder(charset).decode(readFileSync(path.join(dir, file)));
  const window = new Window({ url });
  window.document.write(html);
  const windows = [window];
  const document = window.document as unknown as Document;
  for (const frame of frames.filter((f) => f.parent === file)) {
    // The frame's element names it by its path, or (as some hands wrote it) by its file's name: the
    // browser then loads it from wherever that src points, and the frame is read at that address.
    const element = Array.from(document.querySelectorAll('iframe, frame')).find((el) => {
      const src = el.getAttribute('src');
      const target = src ? new URL(src, url) : null;
      return target !== null && (target.pathname === new URL(frame.path, url).pathname || target.pathname.endsWith(`/${frame.file}`));
    });
    const frameUrl = new URL(element?.getAttribute('src') ?? frame.path, url).href;
    const inner = loaded(dir, frame.file, frame.charset, frameUrl, frames);
    windows.push(...inner.windows);
    if (element) Object.defineProperty(element, 'contentDocument', { get: () => inner.document });
  }
  return { document, windows };
}

/** Whether `got` is a right reading of `field` (an empty reading is null). */
export function accepted(page: CorpusPage, field: Field, got: string | null): boolean {
  const also = page.acceptAlso?.[field];
  return got === page.expect[field] || (also !== undefined && ([] as (string | null)[]).concat(also).includes(got));
}
