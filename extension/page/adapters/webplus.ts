/**
 * WebPlus CMS news pages (/YYYY/MMDD/cXXXaYYY/page.htm). 发布者 is the account that posted,
 * not an issuing unit, so the issuer is read only from an explicit source line.
 */
import { normalizeDate } from '../dates';
import { clean, spacedText, findDocNumber, inlineField } from '../labelled-fields';
import type { OaAdapter } from './adapter';

const WEBPLUS_PATH = /\/\d{4}\/\d{4}\/c\d+a\d+\/page\.(htm|psp)$/;

export const webplus: OaAdapter = {
  vendor: 'webplus',
  detect: (doc, url) => WEBPLUS_PATH.test(url.pathname) || doc.querySelector('.arti_title, .wp_articlecontent') !== null,
  read(doc, url) {
    const metas = spacedText(doc.querySelector('.arti_metas, .arti-metas'));
    const fromPath = WEBPLUS_PATH.test(url.pathname) ? /\/(\d{4})\/(\d{2})(\d{2})\//.exec(url.pathname) : null;
    return {
      title: clean(doc.querySelector('.arti_title, .arti-title')?.textContent) || null,
      docNumber: findDocNumber(metas),
      issuer: inlineField(metas, ['来源', '供稿单位', '发布单位']),
      docDate:
        normalizeDate(inlineField(metas, ['发布时间', '发布日期', '日期'])) ??
        (fromPath ? normalizeDate(`${fromPath[1]}-${fromPath[2]}-${fromPath[3]}`) : null),
    };
  },
};
