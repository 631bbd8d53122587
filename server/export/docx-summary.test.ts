import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { forbiddenCharacter } from '../../shared/text-rules';
import { summaryFigures } from '../ledger/figures';
import type { OpinionItem } from '../opinions/opinion-items';
import { summaryDocx, type SummaryInput } from './docx-summary';
import type { SyncSheet } from './sheet';

/** What users have typed, pasted or had pasted for them: none of it may break the file or run as a formula. */
const HOSTILE = {
  controls: '宿舍\u0001热水\u0008供应\u000B时间\u000C短\u001F',
  markup: '<w:p>食堂</w:p> & "价格" \'偏高\' ]]> <![CDATA[x]]>',
  emoji: '希望多办活动🎉👨‍👩‍👧',
  longWord: `https://oa.example.edu.cn/${'a'.repeat(3000)}`,
  longChinese: '长'.repeat(2000),
  formula: '=HYPERLINK("http://evil.example","点我")',
  plus: '+86 10 1234',
  at: '@SUM(A1)',
  surrogate: '坏\uD800字',
  bidi: '反\u202E转',
  nonCharacter: '非\uFFFE字',
  lines: '第一行\n第二行\r\n第三行\t制表',
};
const values = Object.values(HOSTILE);

function opinion(i: number, content: string): OpinionItem {
  return {
    id: `g${i}`,
    content,
    category: HOSTILE.markup,
    mentions: 1,
    recordIds: [`r${i}`],
    manual: false,
    fromGroups: [HOSTILE.emoji],
    channels: [HOSTILE.formula],
    firstHeardOn: '2026-06-01',
    lastHeardOn: '2026-06-01',
    sources: [],
  };
}

const list = (name: string): SyncSheet => ({
  name,
  title: name,
  unit: HOSTILE.markup,
  date: '2026-12-03',
  columns: [
    { header: '问题描述', width: 40, kind: 'text' },
    { header: '完成时限', width: 12, kind: 'date' },
  ],
  rows: values.map((v) => [v, '2026-12-31']),
});

const input: SummaryInput = {
  heading: { campaignTitle: `${HOSTILE.formula}${HOSTILE.markup}`, unit: HOSTILE.controls, date: '2026-12-03', timeZone: 'Asia/Shanghai' },
  figures: summaryFigures([], [], [], {}, '2026-12-03'),
  opinions: values.map((v, i) => opinion(i, v)),
  lists: [list('问题清单'), list('任务清单'), list('效果清单')],
  study: {
    people: [
      {
        userId: 'u1',
        name: HOSTILE.emoji,
        unit: HOSTILE.markup,
        sessions: 1,
        minutes: 30,
        reflections: 0,
        reflectionChars: 0,
        reflectionsMeetingLength: 0,
        stages: [],
        metQuota: true,
      },
    ],
    units: [{ unit: HOSTILE.formula, people: 1, sessions: 1, minutes: 30, reflections: 0, reflectionChars: 0, peopleMeetingQuota: 1 }],
  },
  sessions: values.map((v, i) => ({
    date: '2026-06-01',
    place: HOSTILE.markup,
    topic: v,
    mode: '集中学习',
    content: HOSTILE.lines,
    participants: [HOSTILE.emoji, HOSTILE.bidi],
    recorders: [HOSTILE.formula],
    recordIds: [`s${i}`],
  })),
  talks: {
    year: 2026,
    talks: [{ userId: 'u1', name: HOSTILE.bidi, unit: HOSTILE.lines, quarters: [1, 0, 0, 0], total: 1, quotaPerQuarter: null, quartersShort: [] }],
    counselorContact: [],
  },
};

function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
}

describe('summary.docx with whatever users typed', () => {
  it('is valid XML in every part, keeps the text as text and runs nothing as a formula', async () => {
    const zip = await JSZip.loadAsync(await summaryDocx(input));
    const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
    expect(parts).toContain('word/document.xml');
    for (const name of parts) {
      const xml = await zip.file(name)!.async('string');
      expect(() => wellFormed(xml), name).not.toThrow();
      expect(forbiddenCharacter(xml), name).toBeNull();
    }

    const xml = await zip.file('word/document.xml')!.async('string');
    const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (e) => entities[e]!)).join('');
    // Markup the user typed is text: escaped in the XML, whole when read back.
    expect(xml).toContain('&lt;w:p&gt;食堂&lt;/w:p&gt; &amp;');
    expect(text).toContain('宿舍热水供应时间短');
    expect(text).toContain('<w:p>食堂</w:p> & "价格"');
    // Text outside tables is one line: the 落款's unit had vertical tabs (Word's soft breaks).
    expect(xml).toMatch(/宿舍热水供应 时间 短<\/w:t>/);
    expect(text).toContain('希望多办活动🎉👨‍👩‍👧');
    expect(text).toContain('坏\uFFFD字');
    expect(text).toContain(HOSTILE.longWord);
    expect(text).toContain(HOSTILE.longChinese);
    // Formula-like cells keep the apostrophe that makes them text if pasted into a spreadsheet.
    expect(text).toContain(`'${HOSTILE.formula}`);
    expect(text).toContain(`'${HOSTILE.plus}`);
    expect(text).toContain(`'${HOSTILE.at}`);
    expect(text).not.toMatch(/(^|[^'])=HYPERLINK/);
    // Line breaks in a cell are breaks, not characters Word shows as spaces.
    expect(xml).toMatch(/第一行<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>第二行/);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('&lt;w:p&gt;');
  });
});
