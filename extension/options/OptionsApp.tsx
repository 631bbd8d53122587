import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getUserSites, setUserSites } from '../settings/oa-sites';
import type { ConnectResult } from '../background/account-connect';
import { getMe, getSettings, serverPattern, toOriginPattern, type MeCache } from '../settings/settings';
import { ask } from '../sidebar/background-client';

function normalizeServerUrl(input: string): string | null {
  try {
    const u = new URL(input.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Options: the server and token (with a connection test), and the OA sites the launcher runs on. */
export function OptionsApp() {
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [me, setMe] = useState<MeCache | null>(null);
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
      setMe(m);
      setSites(list);
      setLoaded(true);
    });
  }, []);

  const testConnection = (e: Event) => {
    e.preventDefault();
    const url = normalizeServerUrl(serverUrl);
    if (!url) return setStatus({ ok: false, text: '服务器地址格式不正确，应如 https://taizhang.example.edu.cn' });
    if (!token.trim()) return setStatus({ ok: false, text: '请填写令牌' });
    // The permission prompt must come straight from the click, before anything is awaited.
    const granted = browser.permissions.request({ origins: [serverPattern(url)] });
    setServerUrl(url);
    void (async () => {
      if (!(await granted)) return setStatus({ ok: false, text: '未授予访问服务器的权限，无法连接' });
      await connect({ serverUrl: url, token: token.trim() }, false);
    })();
  };

  /** The background checks whose data the extension holds before the new server and token are saved. */
  const connect = async (candidate: { serverUrl: string; token: string }, discardPending: boolean) => {
    setBusy(true);
    setSwitchWarning(null);
    try {
      const result = await ask({ type: 'account:connect', ...candidate, discardPending });
      if (!result.connected) {
        setStatus(null);
        return setSwitchWarning({ ...result, candidate });
      }
      setMe({ user: result.user, campaigns: result.campaigns, fetchedAt: Date.now() });
      const fresh = result.startedOver ? '；本机原有的他人记录已清除' : '';
      setStatus({ ok: true, text: `连接成功：${result.user.name}（${result.user.unit}），参加 ${result.campaigns.length} 项活动${fresh}` });
      void ask({ type: 'sync:now' }).catch(() => undefined);
    } catch (err) {
      setStatus({ ok: false, text: `连接失败：${err instanceof Error ? err.message : String(err)}` });
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
    const pattern = toOriginPattern(raw);
    if (!pattern) return setSiteStatus({ ok: false, text: '网址格式不正确，应如 https://oa.example.edu.cn' });
    const granted = browser.permissions.request({ origins: [pattern] });
    void (async () => {
      try {
        if (!(await granted)) return setSiteStatus({ ok: false, text: `未授予 ${pattern} 的访问权限` });
        const next = [...new Set([...sites, pattern])];
        await setUserSites(next);
        setSites(next);
        await ask({ type: 'sites:apply' });
        setSiteInput('');
        setSiteStatus({ ok: true, text: `已添加 ${pattern}，打开或刷新该网站的页面即可使用` });
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
    const keep = campaignSites.includes(pattern) || (serverUrl && normalizeServerUrl(serverUrl) && serverPattern(serverUrl) === pattern);
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
        <form onSubmit={testConnection}>
          <label>
            服务器地址
            <input
              type="url"
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
        <p class="hint">台账只在这里列出的网站上显示启动按钮；在其他网页上可点击工具栏中的台账按钮打开侧栏。</p>
        <ul data-testid="tz-opt-sites">
          {sites.map((s) => (
            <li key={s} data-testid="tz-opt-site">
              <code>{s}</code>
              <button type="button" data-testid="tz-opt-site-remove" onClick={() => void removeSite(s)}>
                移除
              </button>
            </li>
          ))}
          {sites.length === 0 ? <li class="muted">尚未添加</li> : null}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            addSite(siteInput);
          }}
        >
          <input
            type="text"
            data-testid="tz-opt-site-input"
            placeholder="https://oa.example.edu.cn"
            value={siteInput}
            onInput={(e) => setSiteInput(e.currentTarget.value)}
          />
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
    </div>
  );
}
