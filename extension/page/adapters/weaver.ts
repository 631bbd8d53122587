/**
 * 泛微 e-cology (E8/E9): E9 workflow forms (hash-routed SPA, label/value cells, the title in an
 * input) and E8 public notices (a title cell, then an inline line of 发布单位 / 发布日期 / 文号).
 */
import { normalizeDate } from '../dates';
import { clean, findDocNumber, inlineField, tableField } from '../labelled-fields';
import type { OaAdapter } from './adapter';

const ISSUER_LABELS = ['来文单位', '发文单位', '发布单位', '发文部门'];
const DRAFTER_LABELS = ['拟稿单位', '拟稿部门', '主办单位'];
const DATE_LABELS = ['收文日期', '发文日期', '成文日期', '发布日期', '签发日期', '日期'];
const NUMBER_LABELS = ['文号', '发文字号', '收文文号', '来文文号', '文件编号'];

export const weaver: OaAdapter = {
  vendor: 'weaver',
  detect: (doc, url) =>
    /\/(spa\/workflow|workflow\/request|page\/maint|docs\/docs|weaver)\//.test(url.pathname) ||
    doc.querySelector('#requestname, .wea-new-top-req, table.excelMainTable, #wf_watremark_wrap') !== null,
  read(doc) {
    const form = doc.querySelector('table.excelMainTable');
    if (form) {
      const titleInput = doc.querySelector<HTMLInputElement>('#requestname');
      return {
        title: clean(titleInput?.value) || tableField(form, ['标题', '文件标题', '公文标题']),
        docNumber: tableField(form, NUMBER_LABELS),
        issuer: tableField(form, ISSUER_LABELS),
        drafter: tableField(form, DRAFTER_LABELS),
        docDate: normalizeDate(tableField(form, DATE_LABELS)),
      };
    }
    // E8 notice template: the metadata line sits right under the title cell. Without one the adapter
    // knows nothing the generic layer does not: reading the whole body here would take a 文号 the
    // generic layer rightly passes over (an attachment's file name, a forwarded document's).
    const titleCell = doc.querySelector('td.title, .title, #docSubject, .doc-title');
    const metaLine = clean(titleCell?.closest('tr')?.nextElementSibling?.textContent);
    return {
      title: clean(titleCell?.textContent) || null,
      docNumber: inlineField(metaLine, NUMBER_LABELS) ?? findDocNumber(metaLine),
      issuer: inlineField(metaLine, ISSUER_LABELS),
      drafter: inlineField(metaLine, DRAFTER_LABELS),
      docDate: normalizeDate(inlineField(metaLine, DATE_LABELS)),
    };
  },
};
