/**
 * Browser policies that force-install this deployment's extension from this server, generated from the
 * extension id and the update URL (never hand-edited: a campus copies them as they are). Pure.
 *
 * `ExtensionSettings` with `installation_mode: force_installed` and `update_url` is the current form for
 * Chrome and Edge; `ExtensionInstallForcelist` ("<id>;<update URL>") is the older one, same effect.
 */
import { createHash } from 'node:crypto';

export interface PolicyInputs {
  extensionId: string;
  updateUrl: string;
  /** The XPI's URL when there is a Firefox build. */
  xpiUrl?: string;
  /** The Firefox add-on id (browser_specific_settings.gecko.id). */
  geckoId?: string;
}

export interface PolicyFile {
  /** Served at /extension/policies/<name>. */
  name: string;
  /** 适用于… in Chinese. */
  title: string;
  /** Where it goes, or how it is applied. */
  install: string;
  mediaType: string;
  body: string;
}

/**
 * The bytes to download. A .reg file whose header says "Version 5.00" is read by regedit as UTF-16LE with a
 * byte-order mark (what regedit itself exports); the Chinese comments would be garbled in any other encoding.
 */
export function policyBytes(file: PolicyFile): Uint8Array {
  return file.name.endsWith('.reg') ? Buffer.from(`\ufeff${file.body}`, 'utf16le') : Buffer.from(file.body, 'utf8');
}

/** The `ExtensionSettings` value for Chrome and Edge. */
export function extensionSettings({ extensionId, updateUrl }: PolicyInputs) {
  return { [extensionId]: { installation_mode: 'force_installed', update_url: updateUrl } };
}

/** The older policy's one entry. */
export const forcelistEntry = ({ extensionId, updateUrl }: PolicyInputs) => `${extensionId};${updateUrl}`;

/** A REG_SZ value as .reg files write it: quotes and backslashes escaped. */
const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function registryFile(browserKey: string, inputs: PolicyInputs): string {
  const key = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${browserKey}`;
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `; 台账扩展：从 ${inputs.updateUrl} 强制安装并自动更新（ExtensionSettings）。`,
    '; 只在加入域（Active Directory）、加入 Microsoft Entra ID（Azure AD）或由 MDM 管理的 Windows 上生效。',
    `[${key}]`,
    `"ExtensionSettings"=${regString(JSON.stringify(extensionSettings(inputs)))}`,
    '',
    '; 旧式写法（效果相同，二选一）：删去下面两行开头的分号，并把序号 1 改成该键下未用的序号。',
    `; [${key}\\ExtensionInstallForcelist]`,
    `; "1"=${regString(forcelistEntry(inputs))}`,
    '',
  ].join('\r\n');
}

const linuxJson = (inputs: PolicyInputs) => `${JSON.stringify({ ExtensionSettings: extensionSettings(inputs) }, null, 2)}\n`;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A stable UUID per deployment and payload, so re-downloading the profile replaces the installed one. */
function payloadUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

function macProfile(inputs: PolicyInputs): string {
  const payload = (domain: string, name: string) => `    <dict>
      <key>PayloadType</key><string>${domain}</string>
      <key>PayloadIdentifier</key><string>cn.edu.taizhang.${inputs.extensionId}.${name}</string>
      <key>PayloadUUID</key><string>${payloadUuid(`${inputs.extensionId}/${inputs.updateUrl}/${domain}`)}</string>
      <key>PayloadVersion</key><integer>1</integer>
      <key>PayloadDisplayName</key><string>台账扩展（${name}）</string>
      <key>ExtensionSettings</key>
      <dict>
        <key>${inputs.extensionId}</key>
        <dict>
          <key>installation_mode</key><string>force_installed</string>
          <key>update_url</key><string>${xmlEscape(inputs.updateUrl)}</string>
        </dict>
      </dict>
    </dict>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadIdentifier</key><string>cn.edu.taizhang.${inputs.extensionId}</string>
  <key>PayloadUUID</key><string>${payloadUuid(`${inputs.extensionId}/${inputs.updateUrl}`)}</string>
  <key>PayloadVersion</key><integer>1</integer>
  <key>PayloadScope</key><string>System</string>
  <key>PayloadDisplayName</key><string>台账扩展（Chrome 与 Edge 强制安装）</string>
  <key>PayloadContent</key>
  <array>
${payload('com.google.Chrome', 'Chrome')}
${payload('com.microsoft.Edge', 'Edge')}
  </array>
</dict>
</plist>
`;
}

export function policyFiles(inputs: PolicyInputs): PolicyFile[] {
  const files: PolicyFile[] = [
    {
      name: 'chrome-windows.reg',
      title: 'Chrome · Windows（注册表）',
      install: '以管理员身份双击导入，或在组策略首选项中下发；也可用 ADMX 模板中的“配置扩展程序管理设置”填入同一段 JSON',
      mediaType: 'text/plain; charset=utf-16le',
      body: registryFile('Google\\Chrome', inputs),
    },
    {
      name: 'edge-windows.reg',
      title: 'Edge · Windows（注册表）',
      install: '同上，键在 Microsoft\\Edge 下；Intune 中为“扩展管理设置”',
      mediaType: 'text/plain; charset=utf-16le',
      body: registryFile('Microsoft\\Edge', inputs),
    },
    {
      name: 'chrome-linux.json',
      title: 'Chrome / Chromium · Linux',
      install: '复制为 /etc/opt/chrome/policies/managed/taizhang.json（Chrome）或 /etc/chromium/policies/managed/taizhang.json（Chromium）',
      mediaType: 'application/json; charset=utf-8',
      body: linuxJson(inputs),
    },
    {
      name: 'edge-linux.json',
      title: 'Edge · Linux',
      install: '复制为 /etc/opt/edge/policies/managed/taizhang.json',
      mediaType: 'application/json; charset=utf-8',
      body: linuxJson(inputs),
    },
    {
      name: 'taizhang.mobileconfig',
      title: 'Chrome 与 Edge · macOS（配置描述文件）',
      install: '用 MDM 下发（用户自行双击安装的描述文件不会被 Chrome 当作受管理策略）',
      mediaType: 'application/x-apple-aspen-config; charset=utf-8',
      body: macProfile(inputs),
    },
  ];
  if (inputs.xpiUrl && inputs.geckoId) {
    files.push({
      name: 'firefox-policies.json',
      title: 'Firefox · 各平台（policies.json）',
      install:
        'Linux：/etc/firefox/policies/policies.json；Windows/macOS：Firefox 安装目录下 distribution/policies.json。正式版 Firefox 只安装经 AMO 签名的 XPI',
      mediaType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(
        { policies: { ExtensionSettings: { [inputs.geckoId]: { installation_mode: 'force_installed', install_url: inputs.xpiUrl } } } },
        null,
        2,
      )}\n`,
    });
  }
  return files;
}
