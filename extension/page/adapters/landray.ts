/** 蓝凌 EKP review forms: a subject heading, a base-info line, and xform label/value cells. */
import { normalizeDate } from '../dates';
import { clean, spacedText, inlineField, tableField } from '../labelled-fields';
import type { OaAdapter } from './adapter';

export const landray: OaAdapter = {
  vendor: 'landray',
  detect: (doc, url) => /^\/(km|sys)\//.test(url.pathname) || doc.querySelector('.lui_form_subject, xformflag, .tb_normal') !== null,
  read(doc) {
    const form = doc.querySelector('#xform_main, table.tb_normal') ?? doc;
    const baseInfo = spacedText(doc.querySelector('.lui_form_baseinfo'));
    return {
      title: clean(doc.querySelector('.lui_form_subject')?.textContent) || tableField(form, ['标题', '主题']),
      docNumber: tableField(form, ['文号', '编号', '文件编号']),
      issuer: tableField(form, ['发文单位', '来文单位', '所属部门']) ?? inlineField(baseInfo, ['所属部门', '申请部门', '发文单位']),
      docDate: normalizeDate(tableField(form, ['报告日期', '发文日期', '日期']) ?? inlineField(baseInfo, ['创建时间', '申请时间'])),
    };
  },
};
