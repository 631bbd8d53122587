/** 致远 A8 bulletins: title and an info line of spans; the body is a same-origin iframe. */
import { normalizeDate } from '../dates';
import { clean, spacedText, findDocNumber, inlineField } from '../labelled-fields';
import type { OaAdapter } from './adapter';

export const seeyon: OaAdapter = {
  vendor: 'seeyon',
  detect: (doc, url) => url.pathname.startsWith('/seeyon/') || doc.querySelector('.bul_view, #bulTitle, #officeTransFrame') !== null,
  read(doc) {
    const info = spacedText(doc.querySelector('.bul_info, .bulletin-info'));
    const title = clean(doc.querySelector('#bulTitle, .bul_title')?.textContent) || null;
    return {
      title,
      docNumber: inlineField(info, ['文号', '发文字号']) ?? findDocNumber(info),
      issuer: inlineField(info, ['发布部门', '发布单位', '发起部门']),
      docDate: normalizeDate(inlineField(info, ['发布时间', '发布日期', '发起时间'])),
    };
  },
};
