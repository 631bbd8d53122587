/** What every OA-family adapter provides: a cheap detector and a pure reader of the document facts. */
export interface DocumentFacts {
  title: string | null;
  /** 文号 */
  docNumber: string | null;
  /** 发文 / 发布单位 */
  issuer: string | null;
  /**
   * The unit that drafted it (拟稿 / 主办部门 on a 发文稿纸): the issuer only when the document signs with
   * no other — a school's notice drafted by 保卫处 is the school's.
   */
  drafter?: string | null;
  /**
   * The channel that published the page (a 公众号's account, 渚江师大教务处): the issuer only when the
   * document signs with no other — the account is how it reached the reader, its 落款 says whose it is.
   */
  publisher?: string | null;
  /** YYYY-MM-DD */
  docDate: string | null;
  /** Which date: 成文 (written, also a 落款 date) or 发布 (published), when the page says. */
  docDateKind?: 'written' | 'published';
}

export interface OaAdapter {
  vendor: 'weaver' | 'seeyon' | 'landray' | 'tongda' | 'webplus' | 'wechat' | 'founder';
  detect(doc: Document, url: URL): boolean;
  read(doc: Document, url: URL): DocumentFacts;
}
