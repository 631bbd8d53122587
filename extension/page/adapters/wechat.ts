/**
 * 微信公众号 articles (mp.weixin.qq.com/s/…), which campus units use to publish notices and news. The
 * page's own markup says what the generic layer can only guess: the account that published it
 * (#js_name: the issuer only when the article signs with no unit of its own) and when (#publish_time,
 * a 发布 date). The title is the article's (#activity-name).
 */
import { normalizeDate } from '../dates';
import { clean } from '../labelled-fields';
import type { OaAdapter } from './adapter';

export const wechat: OaAdapter = {
  vendor: 'wechat',
  detect: (doc, url) =>
    url.hostname === 'mp.weixin.qq.com' || (doc.querySelector('#js_name') !== null && doc.querySelector('#publish_time, #js_content') !== null),
  read(doc) {
    const date = normalizeDate(clean(doc.querySelector('#publish_time')?.textContent));
    return {
      title: clean(doc.querySelector('#activity-name, .rich_media_title')?.textContent) || null,
      docNumber: null,
      issuer: null,
      publisher: clean(doc.querySelector('#js_name')?.textContent) || null,
      docDate: date,
      ...(date ? { docDateKind: 'published' as const } : {}),
    };
  },
};
