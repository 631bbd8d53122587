/** The pure parts of extension distribution: CRX3 signing and the id, the zip, the manifest rules, the policy files. */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { extensionIdOf, packCrx3 } from '../../../server/extension-dist/crx3';
import { deploymentManifest, packageVersion } from '../../../server/extension-dist/deployment-manifest';
import { policyFiles } from '../../../server/extension-dist/policies';
import { updateManifest } from '../../../server/extension-dist/update-manifest';
import { zipEntries } from '../../../server/extension-dist/zip';
import { readCrx3 } from '../../support/crx3-reader';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const files = [
  { name: 'manifest.json', data: Buffer.from('{"manifest_version":3,"version":"0.1.0"}') },
  { name: 'chunks/选项-页面.js', data: Buffer.from('console.log("台账");'.repeat(200)) },
  { name: 'icon/16.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
];

describe('CRX3', () => {
  it('is signed so that a verifier reading the header alone accepts it, with the id Chrome derives from the key', async () => {
    const zip = await zipEntries(files);
    const crx = readCrx3(packCrx3(zip, privateKey));
    expect(crx.signatureValid).toBe(true);
    expect(crx.id).toBe(extensionIdOf(privateKey));
    expect(crx.id).toMatch(/^[a-p]{32}$/);
    expect(crx.zip.equals(zip)).toBe(true);
  });

  it('fails verification when a byte of the archive changes after signing (so the check above can fail)', async () => {
    const signed = packCrx3(await zipEntries(files), privateKey);
    signed[signed.length - 30]! ^= 0xff;
    expect(readCrx3(signed).signatureValid).toBe(false);
  });

  it('derives the id as Chrome does: sha256 of the DER SubjectPublicKeyInfo, 32 hex digits written a–p', () => {
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const hex = createHash('sha256').update(spki).digest('hex').slice(0, 32);
    expect(extensionIdOf(privateKey)).toBe(hex.replace(/[0-9a-f]/g, (d) => 'abcdefghijklmnop'[Number.parseInt(d, 16)]!));
  });
});

describe('zip', () => {
  it('holds every file byte for byte under its UTF-8 name, and the same files always give the same bytes', async () => {
    const zip = await zipEntries(files);
    const read = await JSZip.loadAsync(zip);
    for (const f of files) expect(Buffer.from(await read.file(f.name)!.async('uint8array')).equals(f.data)).toBe(true);
    expect((await zipEntries(files)).equals(zip)).toBe(true);
  });

  it('lets the event loop turn between files: compression is on the thread pool, not on the loop', async () => {
    // A check-phase callback scheduled now runs before the zip is done only if packing gave the loop back.
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `chunk-${i}.js`, data: Buffer.alloc(20_000, i) }));
    let loopTurned = false;
    setImmediate(() => {
      loopTurned = true;
    });
    await zipEntries(many);
    expect(loopTurned).toBe(true);
  });
});

describe('the deployment manifest', () => {
  it('adds the update URL and the OA sites to what the build grants, and a fourth version number', () => {
    const m = deploymentManifest(
      { version: '0.1.0', host_permissions: [], optional_host_permissions: ['http://*/*', 'https://*/*'] },
      {
        updateUrl: 'https://tz.example.edu.cn/extension/updates.xml',
        hostPermissions: ['https://oa.example.edu.cn/*', 'https://tz.example.edu.cn/*'],
        build: 7,
      },
    );
    expect(m).toEqual({
      version: '0.1.0.7',
      update_url: 'https://tz.example.edu.cn/extension/updates.xml',
      host_permissions: ['https://oa.example.edu.cn/*', 'https://tz.example.edu.cn/*'],
      optional_host_permissions: ['http://*/*', 'https://*/*'],
    });
  });

  it('keeps three numbers of the build version and refuses what Chrome would refuse', () => {
    expect(packageVersion('1.2', 3)).toBe('1.2.0.3');
    expect(packageVersion('1.2.3.4', 5)).toBe('1.2.3.5');
    expect(() => packageVersion('1.x', 1)).toThrow(/版本号/);
    expect(() => packageVersion('1.0.0', 65536)).toThrow(/1–65535/);
  });
});

describe('policy files', () => {
  const inputs = { extensionId: 'abcdefghijklmnopabcdefghijklmnop', updateUrl: 'https://tz.example.edu.cn/extension/updates.xml' };
  const byName = Object.fromEntries(policyFiles(inputs).map((f) => [f.name, f]));

  it('Windows: ExtensionSettings force-installs from this server, in the Chrome and the Edge keys, as one REG_SZ of JSON', () => {
    const chrome = byName['chrome-windows.reg']!.body;
    expect(chrome.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(chrome).toContain('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]');
    const value = /^"ExtensionSettings"="(.*)"\r$/m.exec(chrome)![1]!.replace(/\\(.)/g, '$1');
    expect(JSON.parse(value)).toEqual({ [inputs.extensionId]: { installation_mode: 'force_installed', update_url: inputs.updateUrl } });
    expect(chrome).toContain(`; "1"="${inputs.extensionId};${inputs.updateUrl}"`);
    expect(byName['edge-windows.reg']!.body).toContain('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]');
  });

  it('Linux: the managed JSON Chrome, Chromium and Edge read', () => {
    for (const name of ['chrome-linux.json', 'edge-linux.json']) {
      expect(JSON.parse(byName[name]!.body)).toEqual({
        ExtensionSettings: { [inputs.extensionId]: { installation_mode: 'force_installed', update_url: inputs.updateUrl } },
      });
    }
  });

  it('macOS: one profile with a payload for com.google.Chrome and one for com.microsoft.Edge, stable across downloads', () => {
    const profile = byName['taizhang.mobileconfig']!.body;
    expect(profile).toContain('<string>com.google.Chrome</string>');
    expect(profile).toContain('<string>com.microsoft.Edge</string>');
    expect(profile.match(/<key>installation_mode<\/key><string>force_installed<\/string>/g)).toHaveLength(2);
    expect(policyFiles(inputs).find((f) => f.name === 'taizhang.mobileconfig')!.body).toBe(profile);
    // Well-formed XML (a profile that does not parse is refused whole by macOS).
    const parser = new SaxesParser();
    let error: Error | null = null;
    parser.on('error', (e) => {
      error = e;
    });
    parser.write(profile).close();
    expect(error).toBeNull();
  });

  it('Firefox only when there is an XPI', () => {
    expect(byName['firefox-policies.json']).toBeUndefined();
    const withXpi = policyFiles({ ...inputs, xpiUrl: 'https://tz.example.edu.cn/extension/taizhang.xpi', geckoId: 'taizhang@taizhang.edu.cn' });
    expect(JSON.parse(withXpi.find((f) => f.name === 'firefox-policies.json')!.body).policies.ExtensionSettings['taizhang@taizhang.edu.cn']).toEqual({
      installation_mode: 'force_installed',
      install_url: 'https://tz.example.edu.cn/extension/taizhang.xpi',
    });
  });

  it('the update manifest names the app, its version and the package, with XML-special characters escaped', () => {
    const xml = updateManifest({ extensionId: inputs.extensionId, version: '0.1.0.2', crxUrl: "https://tz.example.edu.cn/a'b&c.crx" });
    expect(xml).toContain(`<app appid='${inputs.extensionId}'>`);
    expect(xml).toContain("<updatecheck codebase='https://tz.example.edu.cn/a&apos;b&amp;c.crx' version='0.1.0.2' />");
  });
});
