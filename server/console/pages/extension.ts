/**
 * 扩展分发: what campus IT needs to force-install the extension from this server — the id, the update
 * address, the packages and every policy file (generated for this deployment), with the steps.
 */
import { dateTimeOf } from '../../../shared/calendar';
import type { Packages } from '../../extension-dist/distribution';
import type { PolicyFile } from '../../extension-dist/policies';
import { html, type SafeHtml } from '../html';

export function extensionUnavailableBody(reason: string): SafeHtml {
  return html`<section aria-labelledby="dist-off"><h2 id="dist-off">暂时无法分发扩展</h2>
<p data-testid="extension-unavailable">${reason}</p>
<p>在服务器的项目目录中运行 <code>npm run build</code>（Firefox 另需 <code>npm run build:firefox</code>），然后刷新本页；服务器会自动打包并签名。</p></section>`;
}

export function extensionBody(p: Packages, policies: PolicyFile[], timeZone: string): SafeHtml {
  return html`<section aria-labelledby="dist-now"><h2 id="dist-now">本服务器分发的扩展</h2>
<dl class="detail">
<dt>扩展 ID</dt><dd><code data-testid="extension-id">${p.extensionId}</code>（由服务器数据目录中的签名密钥决定，请随数据一起备份）</dd>
<dt>版本</dt><dd data-testid="extension-version">${p.version}</dd>
<dt>更新地址</dt><dd><code data-testid="extension-update-url">${p.updateUrl}</code></dd>
<dt>安装即授权的网站</dt><dd><ul>${p.hostPermissions.map((h) => html`<li><code>${h}</code></li>`)}</ul>来自各活动的“OA 网址”、环境变量 OA_SITES 和本服务器地址；修改后服务器自动打出新版本，浏览器在下次检查更新时获得。</dd>
<dt>打包时间</dt><dd>${dateTimeOf(p.packedAt.toISOString(), timeZone)}</dd>
<dt>安装包</dt><dd><a href="/extension/taizhang.crx">taizhang.crx</a>（Chrome / Edge）${
    p.xpi ? html` · <a href="/extension/taizhang.xpi">taizhang.xpi</a>（Firefox，未经 Mozilla 签名）` : html` · 没有 Firefox 构建`
  }</dd>
</dl></section>
<section aria-labelledby="dist-steps"><h2 id="dist-steps">学校信息中心的部署步骤</h2>
<ol>
<li>确认本页的更新地址是老师们的电脑能访问到的地址（建议 HTTPS；由环境变量 PUBLIC_URL 设定）。</li>
<li>按电脑的系统和浏览器，取下面对应的策略文件，通过组策略、Intune/MDM 或配置管理工具下发到受管理的电脑上。</li>
<li>浏览器读取策略后（重启浏览器，或在 <code>chrome://policy</code> / <code>edge://policy</code> 点“重新加载策略”）会从本服务器下载安装扩展，并且不会弹出网站权限请求；用户不能停用或卸载它。</li>
<li>老师在扩展的选项页填入服务器地址和自己的令牌即可使用；之后新版本和新增的 OA 网址都会通过浏览器自动更新送达。</li>
</ol>
<p>Windows 电脑只有在加入域（Active Directory）、加入 Microsoft Entra ID，或由 MDM / Chrome 浏览器云管理纳管时，才会接受这种不来自应用商店的强制安装；其他电脑请看部署指南 <code>docs/extension-rollout.md</code> 中的办法。</p>
</section>
<section aria-labelledby="dist-policies"><h2 id="dist-policies">策略文件</h2>
${policies.map(
  (f) => html`<article class="policy" data-testid="policy-file" data-name="${f.name}"><h3>${f.title}</h3>
<p><a href="/extension/policies/${f.name}" download>${f.name}</a> — ${f.install}</p>
<pre>${f.body}</pre></article>`,
)}
<p>Chrome 与 Edge 的较旧写法是 <code>ExtensionInstallForcelist</code>，每项为 <code>${p.extensionId};${p.updateUrl}</code>，效果相同；同时设置时以 <code>ExtensionSettings</code> 为准。</p>
</section>`;
}
