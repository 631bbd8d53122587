/**
 * A site rule: how to read one field of the document on one OA site, taught by a user who clicked
 * 从页面选取 and then the text on the page (issue 13). Either a label the value stands beside
 * (`发文字号：…`, a table cell to the right) or a CSS selector built from the page's stable names,
 * never an absolute path. Zod-free so the page readers (run in OA pages) can use the type; the
 * checks at the seams are in `site-rules.ts`.
 */
export const SITE_RULE_FIELDS = ['title', 'docNumber', 'issuer', 'docDate'] as const;
export type SiteRuleField = (typeof SITE_RULE_FIELDS)[number];

/** The names the sidebar and console show for each field. */
export const SITE_RULE_FIELD_NAMES: Record<SiteRuleField, string> = {
  title: '标题',
  docNumber: '文号',
  issuer: '发文单位',
  docDate: '日期',
};

export interface SiteRule {
  /** Made by the client that taught it; sharing it again with the same id changes nothing. */
  id: string;
  /** The site's origin, `http://oa.example.edu.cn` or with a port: the rule applies to every page there. */
  site: string;
  field: SiteRuleField;
  /** The label the value follows, without its colon: `发文字号`. */
  label?: string;
  /** A CSS selector of the element holding the value, from ids and class names the site's pages share. */
  selector?: string;
  /** The value it read when taught, shown beside the rule so the office can judge it. */
  example?: string;
  createdAt: string;
  /** Who taught it (a user id), when it came through a server. */
  createdBy?: string;
}
