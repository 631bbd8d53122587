/** The update manifest Chrome and Edge poll at `update_url` (gupdate, protocol 2.0). */
import type { Packages } from './distribution';

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

/** One app, its version and where to get it. */
export const updateManifest = (p: Pick<Packages, 'extensionId' | 'version' | 'crxUrl'>) => `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${xmlAttr(p.extensionId)}'>
    <updatecheck codebase='${xmlAttr(p.crxUrl)}' version='${xmlAttr(p.version)}' />
  </app>
</gupdate>
`;
