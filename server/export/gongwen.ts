/**
 * The national layout for official documents, GB/T 9704-2012 (党政机关公文格式), as docx settings:
 * page and 版心, fonts and sizes, the 22 × 28 grid, heading levels, page numbers and the 落款.
 * What summary.docx is typeset in; README.md in this folder says what was measured.
 */
import { AlignmentType, DocumentGridType, Footer, type ISectionOptions, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';

const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** Sizes are in half-points in WordprocessingML. */
const pt = (v: number) => Math.round(v * 2);

export const A4 = { width: mm(210), height: mm(297) };
/** 天头 37 mm, 订口 28 mm: the 版心 is 156 × 225 mm (GB/T 9704 5.2.1). */
export const PORTRAIT_MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/**
 * A landscape page is the portrait page turned a quarter clockwise: the same 156 × 225 mm 版心, its
 * top (a table's header) on the 订口 side, as GB/T 9704 10.2 puts a landscape table's head.
 */
export const LANDSCAPE_MARGIN = { top: PORTRAIT_MARGIN.left, right: PORTRAIT_MARGIN.top, bottom: PORTRAIT_MARGIN.right, left: PORTRAIT_MARGIN.bottom };

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Font sizes in points: 二号 title, 三号 body and headings, 四号 page numbers, 五号 tables. */
export const SIZE = { title: 22, body: 16, pageNumber: 14, table: 10.5 } as const;

/**
 * The fonts GB/T 9704 names, as Word and WPS on a Chinese Windows know them. Each has a named
 * fallback in the font table (w:altName, ECMA-376 17.8.3.1: tried when the font itself is
 * missing): 方正小标宋简体 → 宋体 on machines without the 方正 fonts, 仿宋_GB2312 → 仿宋 on
 * Windows 7 and later (which ship 仿宋 but not the GB2312 one), 楷体 → 楷体_GB2312 on old ones.
 */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体',
  pageNumber: '宋体',
  /** Latin letters and digits in body text. */
  latin: 'Times New Roman',
} as const;

interface FontEntry {
  name: string;
  altName?: string;
  panose?: string;
  /** 86: GB2312 (w:charset). */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  pitch: 'fixed' | 'variable';
}

const FONT_TABLE: FontEntry[] = [
  { name: FONT.title, altName: '宋体', charset: '86', family: 'roman', pitch: 'variable' },
  { name: FONT.body, altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading1, altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading2, altName: '楷体_GB2312', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.latin, panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * word/fontTable.xml with each font's fallback and class (the docx package writes only the fonts it
 * embeds there), given to `Packer` as an override.
 */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${attr(f.name)}">${f.altName ? `<w:altName w:val="${attr(f.altName)}"/>` : ''}${f.panose ? `<w:panose1 w:val="${f.panose}"/>` : ''}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

const version = (margin: typeof PORTRAIT_MARGIN, page: { width: number; height: number }) => ({
  width: page.width - margin.left - margin.right,
  height: page.height - margin.top - margin.bottom,
});

/** Width in twips that a portrait or landscape page leaves for text and tables. */
export const TEXT_WIDTH = {
  portrait: version(PORTRAIT_MARGIN, A4).width,
  landscape: version(LANDSCAPE_MARGIN, { width: A4.height, height: A4.width }).width,
};

/**
 * The 22 × 28 grid (docGrid linesAndChars). Line pitch: the 225 mm 版心 over 22 lines, 579 twips
 * (28.95 pt). Character pitch: the 156 mm 版心 over 28 characters, 15.79 pt; Word stores it as the
 * difference from Normal's size in 1/4096 pt (w:charSpace), here −841.
 */
export const GRID = (() => {
  const { width, height } = version(PORTRAIT_MARGIN, A4);
  const linePitch = Math.floor(height / LINES_PER_PAGE);
  const charPitchPt = width / 20 / CHARS_PER_LINE;
  return { linePitch, charPitchTwips: width / CHARS_PER_LINE, charSpace: Math.round((charPitchPt - SIZE.body) * 4096) };
})();

/**
 * Body characters are set at 98 % width (w:w). A 16 pt character is wider than the 15.79 pt cell of
 * the 28-character grid; Word adds the (negative) difference to each character and sets 28 a line,
 * but LibreOffice gives any text whose characters are on average wider than a cell (its cell is
 * 315 twips, the pitch's fraction dropped) two cells each — 14 characters a line for plain Chinese.
 * At 98 % (15.68 pt) it takes one cell there; Word still sets 28 a line (29 would need 15.25 pt).
 */
export const BODY_SCALE = 98;

/**
 * Indents in whole characters, in twips. LibreOffice's grid cell is 315 twips (it drops the
 * fraction of the pitch Word keeps, 315.9) and it rounds an indent up to whole cells: 2 × 315.9
 * would become three cells there, so indents are counted in 315s. Word reads w:firstLineChars.
 */
export const chars = (n: number) => n * Math.floor(GRID.charPitchTwips);
export const TWO_CHARS = chars(2);

export const STYLE = {
  title: 'Title',
  body: 'GongwenBody',
  heading1: 'Heading1',
  heading2: 'Heading2',
  runIn: 'RunInHeading',
  table: 'TableText',
  tableHeader: 'TableHeader',
  signature: 'Signature',
  pageNumber: 'Footer',
} as const;

const halfPoints = (size: number) => `<w:sz w:val="${pt(size)}"/><w:szCs w:val="${pt(size)}"/>`;
const rFonts = (eastAsia: string, latin: string = FONT.latin) =>
  `<w:rFonts w:ascii="${latin}" w:eastAsia="${eastAsia}" w:hAnsi="${latin}" w:cs="${latin}" w:hint="eastAsia"/>`;
/** Paragraphs off the grid keep their own line height and natural character widths (title, tables, footer). */
const offGrid = '<w:snapToGrid w:val="0"/>';
const noIndent = '<w:ind w:firstLineChars="0" w:firstLine="0"/>';
const twoChars = `<w:ind w:firstLineChars="200" w:firstLine="${TWO_CHARS}"/>`;
const exactly = (twips: number) => `<w:spacing w:before="0" w:after="0" w:line="${twips}" w:lineRule="exact"/>`;
const TABLE_LINE = Math.round(SIZE.table * 1.35 * 20);

function style(type: 'paragraph' | 'character', id: string, name: string, body: { basedOn?: string; next?: string; pPr?: string; rPr?: string }): string {
  return (
    `<w:style w:type="${type}" w:styleId="${id}"${id === 'Normal' ? ' w:default="1"' : ''}><w:name w:val="${name}"/>` +
    `${body.basedOn ? `<w:basedOn w:val="${body.basedOn}"/>` : ''}${body.next ? `<w:next w:val="${body.next}"/>` : ''}<w:qFormat/>` +
    `${body.pPr ? `<w:pPr>${body.pPr}</w:pPr>` : ''}${body.rPr ? `<w:rPr>${body.rPr}</w:rPr>` : ''}</w:style>`
  );
}

/**
 * word/styles.xml, written here rather than by the docx package so every property is the 公文's
 * (elements in the schema's order: Word refuses a file whose pPr or rPr children are out of order).
 * Styles rather than formatting on each run, so an office that edits the file keeps the layout:
 * 公文正文 is the body (三号 仿宋_GB2312, exactly one grid line, 空两格, justified); headings 一、
 * in 黑体, （一） in 楷体; 1. is a run-in bold 仿宋 character style opening its paragraph.
 */
export function stylesXml(): string {
  const styles = [
    // Normal names its size although docDefaults has it: LibreOffice reads the grid's cell width from Normal's own size.
    style('paragraph', 'Normal', 'Normal', {
      pPr: `<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/>`,
      rPr: `${rFonts(FONT.body)}<w:w w:val="${BODY_SCALE}"/>${halfPoints(SIZE.body)}`,
    }),
    style('paragraph', STYLE.body, '公文正文', { basedOn: 'Normal', pPr: twoChars }),
    style('paragraph', STYLE.title, 'Title', {
      basedOn: 'Normal',
      next: STYLE.body,
      pPr: `<w:keepNext/>${offGrid}${noIndent}<w:jc w:val="center"/><w:outlineLvl w:val="9"/>`,
      rPr: `${rFonts(FONT.title, FONT.title)}<w:w w:val="100"/>${halfPoints(SIZE.title)}`,
    }),
    style('paragraph', STYLE.heading1, 'heading 1', {
      basedOn: STYLE.body,
      next: STYLE.body,
      pPr: '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>',
      rPr: rFonts(FONT.heading1),
    }),
    style('paragraph', STYLE.heading2, 'heading 2', {
      basedOn: STYLE.body,
      next: STYLE.body,
      pPr: '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>',
      rPr: rFonts(FONT.heading2),
    }),
    style('character', STYLE.runIn, '三级标题', { rPr: `${rFonts(FONT.body)}<w:b/><w:bCs/>` }),
    style('paragraph', STYLE.table, '表格文字', {
      basedOn: 'Normal',
      pPr: `${offGrid}${exactly(TABLE_LINE)}${noIndent}<w:jc w:val="left"/>`,
      rPr: `<w:w w:val="100"/>${halfPoints(SIZE.table)}`,
    }),
    style('paragraph', STYLE.tableHeader, '表头文字', { basedOn: STYLE.table, pPr: '<w:keepNext/><w:jc w:val="center"/>', rPr: rFonts(FONT.heading1) }),
    style('paragraph', STYLE.signature, '落款', { basedOn: 'Normal', pPr: `<w:keepNext/><w:keepLines/>${noIndent}<w:jc w:val="right"/>` }),
    style('paragraph', STYLE.pageNumber, 'footer', {
      basedOn: 'Normal',
      pPr: `${offGrid}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>${noIndent}`,
      rPr: `${rFonts(FONT.pageNumber, FONT.pageNumber)}<w:w w:val="100"/>${halfPoints(SIZE.pageNumber)}`,
    }),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts(FONT.body)}<w:kern w:val="2"/>${halfPoints(SIZE.body)}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr>${exactly(GRID.linePitch)}</w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    `${styles.join('')}</w:styles>`
  );
}

/** 页码 "— 1 —" in 四号 宋体, one character in from the outer edge: odd pages right, even pages left (GB/T 9704 7.5). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const inset = Math.round(SIZE.pageNumber * 20);
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset, firstLine: 0 } : { left: inset, firstLine: 0 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/**
 * The footer line's top 7 mm below the 版心 (GB/T 9704 7.5): w:footer is measured from the page's
 * edge to the footer's foot, so the footer's own height (one 四号 line) comes off too.
 */
const footerDistance = (bottomMargin: number) => bottomMargin - mm(7) - Math.round(SIZE.pageNumber * 20 * 1.3);

/** A section's page: portrait (the body, the ledgers, the 落款) or landscape (the wide lists). */
export function gongwenSection(orientation: 'portrait' | 'landscape', children: ISectionOptions['children'], first = false): ISectionOptions {
  const margin = orientation === 'portrait' ? PORTRAIT_MARGIN : LANDSCAPE_MARGIN;
  return {
    properties: {
      page: {
        size: { ...A4, orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
        margin: { ...margin, header: mm(15), footer: footerDistance(margin.bottom), gutter: 0 },
        ...(first ? { pageNumbers: { start: 1 } } : {}),
      },
      grid:
        orientation === 'portrait'
          ? { type: DocumentGridType.LINES_AND_CHARS, linePitch: GRID.linePitch, charSpace: GRID.charSpace }
          : { type: DocumentGridType.LINES, linePitch: GRID.linePitch },
    },
    // Later sections inherit the first one's footers (a section without footer references keeps the previous ones).
    ...(first ? { footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') } } : {}),
    children,
  };
}

/** A body paragraph of plain text. */
export const body = (text: string) => new Paragraph({ style: STYLE.body, children: [new TextRun(text)] });

/** A level-3 heading run in: "1.按类别。" in bold, then the paragraph's text. */
export const runIn = (heading: string, text: string) =>
  new Paragraph({ style: STYLE.body, children: [new TextRun({ text: heading, style: STYLE.runIn }), new TextRun(text)] });

export const heading1 = (text: string) => new Paragraph({ style: STYLE.heading1, children: [new TextRun(text)] });
export const heading2 = (text: string) => new Paragraph({ style: STYLE.heading2, children: [new TextRun(text)] });

export const title = (text: string) => new Paragraph({ style: STYLE.title, children: [new TextRun(text)] });
export const blankLine = () => new Paragraph({ style: 'Normal', children: [] });

/**
 * 落款 without a seal (GB/T 9704 7.3.5.2): one line below the text, the unit 右空二字 and the date
 * under it, its first character two to the right of the unit's; a date longer than that is 右空二字
 * and the unit moves left to keep the two-character step.
 */
export function signature(unit: string, date: string): Paragraph[] {
  const [u, d] = [[...unit].length, [...date].length];
  const [unitRight, dateRight] = u - d >= 2 ? [2, u - d] : [d + 4 - u, 2];
  const line = (text: string, n: number) => new Paragraph({ style: STYLE.signature, indent: { right: chars(n), firstLine: 0 }, children: [new TextRun(text)] });
  return [blankLine(), ...(unit ? [line(unit, unitRight)] : []), line(date, unit ? dateRight : 2)];
}
