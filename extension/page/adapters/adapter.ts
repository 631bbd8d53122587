/** What every OA-family adapter provides: a cheap detector and a pure reader of the document facts. */
export interface DocumentFacts {
  title: string | null;
  /** 文号 */
  docNumber: string | null;
  /** 发文 / 发布单位 */
  issuer: string | null;
  /** YYYY-MM-DD */
  docDate: string | null;
}

export interface OaAdapter {
  vendor: 'weaver' | 'seeyon' | 'landray' | 'tongda' | 'webplus';
  detect(doc: Document, url: URL): boolean;
  read(doc: Document, url: URL): DocumentFacts;
}
