/**
 * This deployment's extension packages: the production build, rewritten for this server (update URL,
 * the campus OA sites granted at install, a version that rises with the content), zipped and signed
 * as CRX3 for Chrome and Edge, and the Firefox build as an XPI when there is one.
 *
 * Packed lazily and kept: each request asks for `current()`, which repacks only when what goes into the
 * package changed (the OA sites of the campaigns or OA_SITES, or the build on disk); concurrent askers
 * share one packing. All the work is async I/O, zlib and crypto on the thread pool.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store/store';
import { readBuildFolder } from './build-folder';
import { extensionIdOf, packCrx3 } from './crx3';
import { deploymentManifest } from './deployment-manifest';
import { loadOrCreateSigningKey } from './signing-key';
import { VersionLedger } from './version-ledger';
import { type ZipEntry, zipEntries } from './zip';

export interface DistributionOptions {
  /** Holds the signing key and the version ledger too (collection `deployment`). */
  store: Store;
  /** The production Chrome build (`.output/chrome-mv3`). */
  chromeBuildDir: string;
  /** The production Firefox build (`.output/firefox-mv3`), packed when present. */
  firefoxBuildDir?: string;
  /** The address browsers reach this server at (PUBLIC_URL, or the listening address); read when packing. */
  publicUrl: () => string;
  /** OA sites every install gets besides the campaigns' (OA_SITES). */
  extraSites?: readonly string[];
}

export interface Packages {
  extensionId: string;
  version: string;
  /** `<public URL>/extension/updates.xml` */
  updateUrl: string;
  /** `<public URL>/extension/taizhang.crx` */
  crxUrl: string;
  xpiUrl: string;
  publicUrl: string;
  /** The sites the package holds from install: this server and the OA sites. */
  hostPermissions: string[];
  crx: Buffer;
  /** Absent when there is no Firefox build. */
  xpi: { data: Buffer; version: string; geckoId: string | undefined } | null;
  packedAt: Date;
}

/** A package cannot be made: no build, a damaged ledger. Answered 503 with this message. */
export class PackagingError extends Error {}

/** Chrome match pattern for the server itself (ports are not part of a match pattern). */
const sitePattern = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
};

const contentHash = (entries: readonly ZipEntry[]) => {
  const h = createHash('sha256');
  for (const e of entries) h.update(`${e.name}\0${createHash('sha256').update(e.data).digest('hex')}\n`);
  return h.digest('hex');
};

export class ExtensionDistribution {
  private key: Promise<KeyObject> | null = null;
  private readonly ledger: VersionLedger;
  private packed: { inputs: string; packages: Packages } | null = null;
  private packing: { inputs: string; promise: Promise<Packages> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: DistributionOptions) {
    this.ledger = new VersionLedger(opts.store);
  }

  private signingKey(): Promise<KeyObject> {
    this.key ??= loadOrCreateSigningKey(this.opts.store).catch((err: unknown) => {
      this.key = null;
      throw err;
    });
    return this.key;
  }

  /** The id browsers know the extension by (from the signing key, made now if it is the first time). */
  async extensionId(): Promise<string> {
    return extensionIdOf(await this.signingKey());
  }

  /** The OA sites to grant at install: every campaign's plus OA_SITES. */
  async oaSites(): Promise<string[]> {
    const campaigns = await this.opts.store.find('campaigns');
    return [...new Set([...campaigns.flatMap((c) => c.oaOrigins ?? []), ...(this.opts.extraSites ?? [])])].sort();
  }

  /** What decides the package: the sites, the address, and the builds on disk (their manifests' times). */
  private async inputs(): Promise<{ key: string; sites: string[]; publicUrl: string }> {
    const mtime = async (dir?: string) =>
      dir
        ? await stat(path.join(dir, 'manifest.json')).then(
            (s) => s.mtimeMs,
            () => null,
          )
        : null;
    const sites = await this.oaSites();
    const publicUrl = this.opts.publicUrl().replace(/\/+$/, '');
    return { key: JSON.stringify([sites, publicUrl, await mtime(this.opts.chromeBuildDir), await mtime(this.opts.firefoxBuildDir)]), sites, publicUrl };
  }

  /** The packages for the current inputs: the kept ones, or packed now (once, however many ask). */
  async current(): Promise<Packages> {
    const { key: inputs, sites, publicUrl } = await this.inputs();
    if (this.packed?.inputs === inputs) return this.packed.packages;
    if (this.packing?.inputs === inputs) return this.packing.promise;
    // One packing at a time: two at once could read the version ledger before either wrote it and give
    // two different packages the same number.
    const packed = this.queue.catch(() => {}).then(() => this.pack(sites, publicUrl));
    this.queue = packed;
    const promise: Promise<Packages> = packed.then(
      (packages) => {
        this.packed = { inputs, packages };
        if (this.packing?.promise === promise) this.packing = null;
        return packages;
      },
      (err: unknown) => {
        if (this.packing?.promise === promise) this.packing = null;
        throw err instanceof PackagingError ? err : new PackagingError(`扩展打包失败：${(err as Error).message}`);
      },
    );
    this.packing = { inputs, promise };
    return promise;
  }

  private async pack(sites: string[], publicUrl: string): Promise<Packages> {
    const updateUrl = `${publicUrl}/extension/updates.xml`;
    const hostPermissions = [...new Set([sitePattern(publicUrl), ...sites])].sort();
    let chromeEntries: ZipEntry[];
    try {
      chromeEntries = await readBuildFolder(this.opts.chromeBuildDir);
    } catch (err) {
      throw new PackagingError(`${(err as Error).message}：请先在服务器上运行 npm run build 构建扩展`);
    }
    const key = await this.signingKey();
    const chrome = await this.rewrite('chrome', chromeEntries, { updateUrl, hostPermissions });
    const crx = packCrx3(await zipEntries(chrome.entries), key);

    let xpi: Packages['xpi'] = null;
    const firefoxEntries = this.opts.firefoxBuildDir ? await readBuildFolder(this.opts.firefoxBuildDir).catch(() => null) : null;
    if (firefoxEntries) {
      const firefox = await this.rewrite('firefox', firefoxEntries, { hostPermissions });
      xpi = { data: await zipEntries(firefox.entries), version: firefox.version, geckoId: firefox.geckoId };
    }
    return {
      extensionId: extensionIdOf(key),
      version: chrome.version,
      updateUrl,
      crxUrl: `${publicUrl}/extension/taizhang.crx`,
      xpiUrl: `${publicUrl}/extension/taizhang.xpi`,
      publicUrl,
      hostPermissions,
      crx,
      xpi,
      packedAt: new Date(),
    };
  }

  /** The build's files with this deployment's manifest; the version number rises only when the rest changed. */
  private async rewrite(name: string, entries: ZipEntry[], changes: { updateUrl?: string; hostPermissions: string[] }) {
    const builtEntry = entries.find((e) => e.name === 'manifest.json')!;
    const built = JSON.parse(Buffer.from(builtEntry.data).toString('utf8')) as Record<string, unknown>;
    const withManifest = (manifest: Record<string, unknown>) =>
      entries.map((e) => (e === builtEntry ? { name: e.name, data: Buffer.from(JSON.stringify(manifest, null, 2)) } : e));
    // The hash is taken with a placeholder version, so the number itself does not feed back into it.
    const hash = contentHash(withManifest(deploymentManifest(built, { ...changes, build: 1 })));
    const build = await this.ledger.buildFor(name, hash);
    const manifest = deploymentManifest(built, { ...changes, build });
    const gecko = (built.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko;
    return { entries: withManifest(manifest), version: manifest.version as string, geckoId: gecko?.id };
  }
}
