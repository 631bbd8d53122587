/**
 * What this deployment changes in the built manifest: where updates come from, the sites granted at
 * install, and the version. Pure, so the rules are tested without a build.
 */

export interface DeploymentChanges {
  /** `<PUBLIC_URL>/extension/updates.xml`; absent for Firefox (its update_url must be https and a JSON manifest). */
  updateUrl?: string;
  /** Match patterns a force-installed extension holds from the install, without a prompt. */
  hostPermissions: readonly string[];
  /** The package's fourth version number (rises with its content). */
  build: number;
}

/** The build's version cut to its first three numbers, then the package's own fourth. */
export function packageVersion(buildVersion: string, build: number): string {
  const parts = buildVersion.split('.').map((p) => Number.parseInt(p, 10));
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 65535)) {
    throw new Error(`扩展构建的版本号“${buildVersion}”无效`);
  }
  if (!Number.isInteger(build) || build < 1 || build > 65535) throw new Error(`扩展包的第四位版本号 ${build} 超出 1–65535`);
  const three = [...parts.slice(0, 3), 0, 0, 0].slice(0, 3);
  return [...three, build].join('.');
}

export function deploymentManifest(built: Record<string, unknown>, changes: DeploymentChanges): Record<string, unknown> {
  if (typeof built.version !== 'string') throw new Error('扩展构建的 manifest.json 没有 version');
  const hosts = [...new Set([...((built.host_permissions as string[] | undefined) ?? []), ...changes.hostPermissions])].sort();
  const out: Record<string, unknown> = { ...built, version: packageVersion(built.version, changes.build), host_permissions: hosts };
  if (changes.updateUrl) out.update_url = changes.updateUrl;
  return out;
}
