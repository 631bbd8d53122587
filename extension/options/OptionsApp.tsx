import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ConnectResult } from '../background/account-connect';
import { serverAddress, sitePatterns } from '../settings/addresses';
import { getUserSites, setUserSites } from '../settings/oa-sites';
import { getMe, getSettings, type MeCache, serverPattern } from '../settings/settings';
import { ask } from '../sidebar/background-client';
import { PermissionNotes } from './PermissionNotes';

/** Options: the server and token (with a connection test), and the OA sites the launcher runs on. */
export function OptionsApp() {
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [me, setMe] = useState<MeCache | null>(null);
  /** The server the saved token belongs to (what 已连接 names), as opposed to what is being typed. */
  const [connectedTo, setConnectedTo] = useState('');
  const [sites, setSites] = useState<string[]>([]);
  const [siteInput, setSiteInput] = useState('');
  const [siteStatus, setSiteStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [switchWarning, setSwitchWarning] = useState<
    (Extract<ConnectResult, { connected: false }> & { candidate: { serverUrl: string; token: string } }) | null
  >(null);

  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    // The fields appear only once the saved values are in, so stored values never overwrite typing.
    void Promise.all([getSettings(), getMe(), getUserSites()]).then(([s, m, list]) => {
      setServerUrl(s.serverUrl);
      setToken(s.token);
      setConnectedTo(s.token ? s.serverUrl : '');
      setMe(m);
      setSites(list);
      setLoaded(true);
    });
  }, []);

  const testConnection = (e: Event) => {
    e.preventDefault();
    const address = serverAddress(serverUrl);
    if (!address.ok) return setStatus({ ok: false, text: address.message });
    if (!token.trim()) return setStatus({ ok: false, text: '请填写令牌' });
    const url = address.url;
    // The permission prompt must come straight from the click, before anything is awaited.
    const granted = browser.permissions.request({ origins: [serverPattern(url)] });
    setServerUrl(url);
    void (async () => {
      if (!(await granted)) return setStatus({ ok: false, text: '未授予访问服务器的权限，无法连接' });
      await connect({ serverUrl: url, token: token.trim() }, false, address.assumed);
    })();
  };

  /** The background checks whose data the extension holds before the new server and token are saved. */
  const connect = async (candidate: { serverUrl: string; token: string }, discardPending: boolean, assumed?: string) => {
    setBusy(true);
    setSwitchWarning(null);
    try {
      const result = await ask({ type: 'account:connect', ...candidate, discardPending });
      if (!result.connected) {
        setStatus(null);
        return setSwitchWarning({ ...result, candidate });
      }
      setMe({ user: result.user, campaigns: result.campaigns, fetchedAt: Date.now() });
      setConnectedTo(candidate.serverUrl);
      const fresh = result.startedOver ? '；本机原有的他人记录已清除' : '';
      const note = assumed ? `（${assumed}）` : '';
      setStatus({ ok: true, text: `连接成功：${result.user.name}（${result.user.unit}），参加 ${result.campaigns.length} 项活动${fresh}${note}` });
      void ask({ type: 'sync:now' }).catch(() => undefined);
    } catch (err) {
      const hint = assumed ? `（${assumed}）` : '';
      setStatus({ ok: false, text: `连接失败：${err instanceof Error ? err.message : String(err)}${hint}` });
    } finally {
      setBusy(false);
    }
  };

  const cancelSwitch = async () => {
    // Back to what is saved: the store still belongs to it.
    const saved = await getSettings();
    setServerUrl(saved.serverUrl);
    setToken(saved.token);
    setSwitchWarning(null);
    setStatus({ ok: false, text: '已取消切换，仍使用原服务器和令牌' });
  };

  const addSite = (raw: string) => {
    const patterns = sitePatterns(raw);
    if (patterns.length === 0) return setSiteStatus({ ok: false, text: '网址格式不正确，应如 oa.example.edu.cn 或 http://oa.example.edu.cn' });
    const named = patterns.join('、');
    // One prompt for the http and https forms of a bare host.
    const granted = browser.permissions.request({ origins: patterns });
    void (async () => {
      try {
        if (!(await granted)) return setSiteStatus({ ok: false, text: `未授予 ${named} 的访问权限` });
        const next = [...new Set([...sites, ...patterns])];
        await setUserSites(next);
        setSites(next);
        await ask({ type: 'sites:apply' });
        setSiteInput('');
        setSiteStatus({ ok: true, text: `已添加 ${named}，打开或刷新该网站的页面即可使用` });
      } catch (err) {
        setSiteStatus({ ok: false, text: `添加失败：${err instanceof Error ? err.message : String(err)}` });
      }
    })();
  };

  const removeSite = async (pattern: string) => {
    const next = sites.filter((s) => s !== pattern);
    await setUserSites(next);
    setSites(next);
    const campaignSites = (me?.campaigns ?? []).flatMap((c) => c.oaOrigins);
    const server = serverAddress(serverUrl);
    const keep = campaignSites.includes(pattern) || (server.ok && serverPattern(server.url) === pattern);
    if (!keep) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await ask({ type: 'sites:apply' }).catch(() => undefined);
    setSiteStatus({ ok: true, text: `已移除 ${pattern}` });
  };

  const offered = [...new Set((me?.campaigns ?? []).flatMap((c) => c.oaOrigins))].filter((o) => !sites.includes(o));
  if (!loaded) return <div class="options muted">正在加载设置…</div>;

  return (
    <div class="options">
      <h1>台账 · 设置</h1>
      <section>
        <h2>服务器</h2>
        <p class={me && connectedTo ? 'connected' : 'muted'} data-testid="tz-opt-connected">
          {me && connectedTo
            ? `已连接：${me.user.name}（${me.user.unit}），服务器 ${connectedTo}，参加 ${me.campaigns.length} 项活动`
            : '尚未连接服务器：请填写单位提供的服务器地址和令牌'}
        </p>
        {/* type=text, not url: an address without http:// is accepted and we say what we made of it, instead of the browser's English "Please enter a URL". */}
        <form onSubmit={testConnection} noValidate>
          <label>
            服务器地址
            <input
              type="text"
              inputMode="url"
              autocomplete="url"
              spellcheck={false}
              data-testid="tz-opt-server"
              placeholder="https://taizhang.example.edu.cn"
              value={serverUrl}
              onInput={(e) => setServerUrl(e.currentTarget.value)}
            />
          </label>
          <label>
            令牌
            <input type="password" data-testid="tz-opt-token" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          </label>
          <button type="submit" data-testid="tz-opt-test" disabled={busy}>
            {busy ? '正在连接…' : '测试连接并保存'}
          </button>
        </form>
        {switchWarning ? (
          <div class="error" data-testid="tz-opt-switch-warning" role="alert">
            <p>
              本机还有 <strong>{switchWarning.pending}</strong> 条变更尚未同步到原来的
              {switchWarning.previousUser ? `用户“${switchWarning.previousUser}”` : '用户'}
              （服务器 {switchWarning.previousServer}）。换成另一位用户或另一台服务器后，本机将清除这些记录（含反映人姓名），无法恢复。
            </p>
            <p>建议先取消，用原来的令牌连接并等待“已同步”后再切换。</p>
            <button type="button" data-testid="tz-opt-switch-cancel" onClick={() => void cancelSwitch()}>
              取消，保留这些记录
            </button>
            <button
              type="button"
              class="danger"
              data-testid="tz-opt-switch-confirm"
              disabled={busy}
              onClick={() => void connect(switchWarning.candidate, true)}
            >
              清除未同步的 {switchWarning.pending} 条变更并切换
            </button>
          </div>
        ) : null}
        {status ? (
          <div class={status.ok ? 'ok' : 'error'} data-testid="tz-opt-status" data-ok={String(status.ok)} role="status">
            {status.text}
          </div>
        ) : null}
      </section>
      <section>
        <h2>OA 网站</h2>
        <p class="hint">
          台账只在这里列出的网站上显示启动按钮；在其他网页上可点击工具栏中的台账按钮打开侧栏。只写网址（如 oa.example.edu.cn）时，http 和 https
          两种访问方式都会添加；写明 http:// 或 https:// 则只添加这一种。
        </p>
        <ul data-testid="tz-opt-sites">
          {sites.map((s) => (
            <li key={s} data-testid="tz-opt-site">
              <code>{s}</code>
              <button type="button" data-testid="tz-opt-site-remove" aria-label={`移除 ${s}`} onClick={() => void removeSite(s)}>
                移除
              </button>
            </li>
          ))}
          {sites.length === 0 ? <li class="muted">尚未添加</li> : null}
        </ul>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            addSite(siteInput);
          }}
        >
          <label>
            OA 网站地址
            <input
              type="text"
              inputMode="url"
              spellcheck={false}
              data-testid="tz-opt-site-input"
              placeholder="oa.example.edu.cn"
              value={siteInput}
              onInput={(e) => setSiteInput(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="tz-opt-site-add">
            添加
          </button>
        </form>
        {offered.length > 0 ? (
          <div class="offered">
            <h3>活动中设置的 OA 网站</h3>
            <ul>
              {offered.map((o) => (
                <li key={o}>
                  <code>{o}</code>
                  <button type="button" data-testid="tz-opt-campaign-site" onClick={() => addSite(o)}>
                    添加
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {siteStatus ? (
          <div class={siteStatus.ok ? 'ok' : 'error'} data-testid="tz-opt-sites-status" role="status">
            {siteStatus.text}
          </div>
        ) : null}
      </section>
      <PermissionNotes />
    </div>
  );
}
