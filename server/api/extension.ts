/**
 * /extension (server/extension-dist/): what browsers and campus IT fetch without a token — the update manifest, the packages and
 * the policy files. Nothing here is secret (the id and the URLs are in every installed copy).
 * Packing failures (no build on this server) answer 503 with the reason, in Chinese.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { ApiError } from '../http/errors';
import type { ExtensionDistribution, Packages } from '../extension-dist/distribution';
import { PackagingError } from '../extension-dist/distribution';
import { policyBytes, policyFiles } from '../extension-dist/policies';
import { updateManifest } from '../extension-dist/update-manifest';

/** The package's bytes as they are (a view, not a copy: copying megabytes would hold the event loop). */
const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

/** The current packages, or a 503 saying why there are none. */
export async function packagesOf(dist: ExtensionDistribution | null): Promise<Packages> {
  if (!dist) throw new ApiError(503, 'unavailable', '本服务器未启用扩展分发');
  try {
    return await dist.current();
  } catch (err) {
    if (err instanceof PackagingError) throw new ApiError(503, 'unavailable', err.message);
    throw err;
  }
}

/** Policies for the packages as they are now. */
export const policiesOf = (p: Packages) =>
  policyFiles({ extensionId: p.extensionId, updateUrl: p.updateUrl, ...(p.xpi ? { xpiUrl: p.xpiUrl, geckoId: p.xpi.geckoId } : {}) });

export const extensionRoutes = new Hono<AppEnv>()
  .get('/updates.xml', async (c) => {
    const p = await packagesOf(c.var.extensionDist);
    c.header('Cache-Control', 'no-cache');
    return c.body(updateManifest(p), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  })
  .get('/taizhang.crx', async (c) => {
    const p = await packagesOf(c.var.extensionDist);
    return c.body(view(p.crx), 200, {
      'Content-Type': 'application/x-chrome-extension',
      'Content-Length': String(p.crx.length),
      'Content-Disposition': `attachment; filename="taizhang-${p.version}.crx"`,
      'Cache-Control': 'no-cache',
    });
  })
  .get('/taizhang.xpi', async (c) => {
    const p = await packagesOf(c.var.extensionDist);
    if (!p.xpi) throw new ApiError(404, 'not_found', '本服务器没有 Firefox 构建（请先运行 npm run build:firefox）');
    return c.body(view(p.xpi.data), 200, {
      'Content-Type': 'application/x-xpinstall',
      'Content-Length': String(p.xpi.data.length),
      'Content-Disposition': `attachment; filename="taizhang-${p.xpi.version}.xpi"`,
      'Cache-Control': 'no-cache',
    });
  })
  .get('/policies/:name', async (c) => {
    const p = await packagesOf(c.var.extensionDist);
    const file = policiesOf(p).find((f) => f.name === c.req.param('name'));
    if (!file) throw new ApiError(404, 'not_found', '没有这个策略文件');
    return c.body(view(Buffer.from(policyBytes(file))), 200, {
      'Content-Type': file.mediaType,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Cache-Control': 'no-cache',
    });
  });
