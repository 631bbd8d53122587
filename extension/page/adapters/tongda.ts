/** 通达 OA notices: the title cell starts with a bracketed notice type, which is not part of the title. */
import { normalizeDate } from '../dates';
import { clean, spacedText, findDocNumber, inlineField } from '../labelled-fields';
import type { OaAdapter } from './adapter';

const BRACKETED_TYPE = /^\s*[[【［][^\]】］]{1,20}[\]】］]\s*/;

export const tongda: OaAdapter = {
  vendor: 'tongda',
  detect: (doc, url) => url.pathname.startsWith('/general/') || doc.querySelector('#ui_notify_show_preveiw, .TableTop') !== null,
  read(doc) {
    const titleCell = doc.querySelector('.TableTop td.center, .TableTop td, td.Big');
    const info = spacedText(doc.querySelector('#ui_notify_show_preveiw, .ui-notify-tips-preview'));
    return {
      title: clean(titleCell?.textContent).replace(BRACKETED_TYPE, '') || null,
      docNumber: inlineField(info, ['文号']) ?? findDocNumber(info),
      issuer: inlineField(info, ['发布部门', '发布单位']),
      docDate: normalizeDate(inlineField(info, ['发布时间', '发布日期', '生效日期'])),
    };
  },
};
