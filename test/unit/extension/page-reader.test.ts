/**
 * Every fixture OA page (ours, and the reference set when present) yields the facts its
 * pages.json expects, read from the page's real bytes in its declared charset.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../extension/page/dates';
import { findDocNumber } from '../../../extension/page/labelled-fields';
import { readDocument, readPageContext, titleFromDocumentTitle } from '../../../extension/page/reader';
import { readPages } from '../../support/fixture-server';
import { ownOaFixtures, referenceAvailable, referenceOaFixtures } from '../../support/paths';

function load(dir: string, file: string, charset: string): Document {
  const html = new TextDecoder(charset).decode(readFileSync(path.join(dir, file)));
  return parseHTML(html).document as unknown as Document;
}

const sets = [{ name: 'own fixtures', dir: ownOaFixtures }];
if (referenceAvailable(referenceOaFixtures)) sets.push({ name: 'reference fixtures', dir: referenceOaFixtures });

for (const set of sets) {
  describe(`page reader on ${set.name}`, () => {
    for (const page of readPages(set.dir)) {
      it(`${page.file}: reads ${page.vendor} title, 文号, unit and date as pages.json expects`, () => {
        const doc = load(set.dir, page.file, page.charset);
        const reading = readDocument(doc, `http://oa.example.edu.cn${page.path}`);
        expect(reading.vendor).toBe(page.vendor);
        expect({ title: reading.title, docNumber: reading.docNumber, issuer: reading.issuer, docDate: reading.docDate }).toEqual(page.expect);
      });
    }
  });
}

describe('generic reader', () => {
  it('takes the longest part of a compound document title', () => {
    expect(titleFromDocumentTitle('流程 - 关于报送问题清单的请示')).toBe('关于报送问题清单的请示');
    expect(titleFromDocumentTitle('学工部召开座谈会-党委学生工作部')).toBe('学工部召开座谈会');
  });

  it('reads a page of no known OA family by its h1, 文号 and labelled date, and keeps the canonical URL', () => {
    const { document } = parseHTML(`<html><head><title>站点</title><link rel="canonical" href="/a/1.html"></head><body>
      <h1>关于开展主题党日活动的通知</h1><p>校党发〔2023〕5号 发布日期：2023年3月1日</p></body></html>`);
    const ctx = readPageContext(document as unknown as Document, 'https://news.example.edu.cn/a/1.html?from=list');
    expect(ctx).toMatchObject({
      vendor: 'generic',
      url: 'https://news.example.edu.cn/a/1.html',
      title: '关于开展主题党日活动的通知',
      docNumber: '校党发〔2023〕5号',
      docDate: '2023-03-01',
    });
  });
});

describe('dates and 文号 in any common form', () => {
  it('reads dates written in Chinese numerals, as a 落款 prints them, and refuses impossible ones', () => {
    expect(normalizeDate('西岭科技大学党委\n二〇二二年六月十日')).toBe('2022-06-10');
    expect(normalizeDate('二〇〇四年八月二十六日')).toBe('2004-08-26');
    expect(normalizeDate('二零一九年十二月三十一日')).toBe('2019-12-31');
    expect(normalizeDate('二〇二二年十月一日')).toBe('2022-10-01');
    expect(normalizeDate('二〇二二年二月三十日')).toBeNull();
    expect(normalizeDate('2022/6/10 09:30')).toBe('2022-06-10');
  });

  it('takes the page’s own 文号, not one it cites as 《…》（…号）, in every bracket form', () => {
    expect(findDocNumber('根据《关于加强基层党建的通知》（教党〔2019〕12号）要求，现将有关事项通知如下')).toBeNull();
    expect(findDocNumber('根据《意见》（教党〔2019〕12号），制定本方案。校党办〔2022〕3号')).toBe('校党办〔2022〕3号');
    for (const number of ['校党发〔2022〕12号', '院党字[2015]31号', '学工（2022）12号', '党办【2022】5号', '（2022）第3号'])
      expect(findDocNumber(`文号 ${number} 关于`), number).toBe(number);
  });
});
