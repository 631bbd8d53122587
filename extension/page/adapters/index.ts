/** The OA families we read, most specific first: the first whose detector fires reads the page. */
import type { OaAdapter } from './adapter';
import { founder } from './founder';
import { landray } from './landray';
import { seeyon } from './seeyon';
import { tongda } from './tongda';
import { wechat } from './wechat';
import { weaver } from './weaver';
import { webplus } from './webplus';

export const ADAPTERS: readonly OaAdapter[] = [seeyon, landray, tongda, webplus, weaver, wechat, founder];

export function adapterFor(doc: Document, url: URL): OaAdapter | null {
  return ADAPTERS.find((a) => a.detect(doc, url)) ?? null;
}
