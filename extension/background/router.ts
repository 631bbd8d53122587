/** Answers the messages of the sidebar, options page and content scripts (see messaging/messages.ts). */
import { browser, type Browser } from 'wxt/browser';
import type { Campaign } from '../../shared/model/campaign';
import { ASSIGNEE_EDITABLE_ITEM_FIELDS, ASSIGNEE_SETTABLE_STATUSES, ASSIGNEE_STATUS_RULE, type ItemStatus } from '../../shared/model/list-item';
import type { TextQuoteSelector } from '../../shared/model/page';
import type { User } from '../../shared/model/user';
import type { BackgroundMessage, Reply, SidebarEvent } from '../messaging/messages';
import { SIDEBAR_PORT } from '../messaging/messages';
import { permittedSites, registerLauncher } from '../settings/oa-sites';
import { getMe, getSettings, saveMe } from '../settings/settings';
import { validateRecord } from '../sidebar/validation';
import type { LocalStore } from '../sync/local-store';
import { hashToken, serverOrigin } from '../sync/owner';
import { callApi, TransportError } from '../sync/transport';
import { connectAccount } from './account-connect';
import { fetchMyTasks } from './my-tasks-fetch';
import { editedRecord } from './record-edit';
import type { SidebarGate } from './sidebar-gate';
import type { SyncRunner } from './sync-runner';
import { sendToTab } from './tab-control';

/** An extension page (ours: the sender check comes first) rather than a content script on a web page. */
function isExtensionUrl(url: string | undefined): boolean {
  return !!url && new URL(url).protocol === self.location.protocol;
}

/**
 * The sidebar page inside a tab. Extension pages outside tabs (options in its own window) have no
 * tab; the options page in a tab is not web-accessible, so no web page can frame or open it.
 */
function isSidebarFrame(sender: Browser.runtime.MessageSender): boolean {
  return isExtensionUrl(sender.url) && new URL(sender.url!).pathname === '/sidebar.html';
}

/** The options page, where the user changes server and token. */
function isOptionsPage(sender: Browser.runtime.MessageSender): boolean {
  return isExtensionUrl(sender.url) && new URL(sender.url!).pathname === '/options.html';
}

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const fail = (message: string, field?: string): Reply<never> => ({ ok: false, message, ...(field ? { field } : {}) });

export class Router {
  private readonly sidebars = new Map<number, Browser.runtime.Port>();

  constructor(
    private readonly store: LocalStore,
    private readonly runner: SyncRunner,
    private readonly gate: SidebarGate,
  ) {}

  /** Sidebars keep a port open so the background can tell them the page changed. */
  acceptPort(port: Browser.runtime.Port): void {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId;
    if (port.name !== SIDEBAR_PORT || tabId === undefined || frameId === undefined) return;
    void this.gate.allows(tabId, frameId).then((allowed) => (allowed ? this.keepPort(tabId, port) : port.disconnect()));
  }

  private keepPort(tabId: number, port: Browser.runtime.Port): void {
    this.sidebars.set(tabId, port);
    port.onDisconnect.addListener(() => this.sidebars.get(tabId) === port && this.sidebars.delete(tabId));
  }

  private tell(tabId: number | undefined, event: SidebarEvent): void {
    if (tabId !== undefined) this.sidebars.get(tabId)?.postMessage(event);
  }

  /** Shows the new pending count before answering (so no stale 已同步 is seen), then syncs in the background. */
  private async kick(): Promise<void> {
    await this.runner.markPending();
    void this.runner.run();
  }

  async handle(message: BackgroundMessage, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
    const tabId = sender.tab?.id;
    // Only our own pages and content scripts talk to us; a web page cannot reach onMessage.
    if (sender.id !== browser.runtime.id) return fail('拒绝来源不明的消息');
    try {
      if (message.type === 'sidebar:ticket') {
        // Only the launcher (a content script: a web page's URL, top frame) is given tickets.
        if (tabId === undefined || sender.frameId !== 0 || isExtensionUrl(sender.url)) return fail('只有台账启动按钮可以打开侧栏');
        return ok(await this.gate.issue(tabId));
      }
      if (isSidebarFrame(sender)) {
        if (message.type === 'sidebar:hello') {
          const granted = tabId !== undefined && sender.frameId !== undefined && (await this.gate.redeem(message.ticket, tabId, sender.frameId));
          return granted ? ok(null) : fail('此侧栏不是由台账扩展在本页打开的，已拒绝显示');
        }
        if (tabId === undefined || sender.frameId === undefined || !(await this.gate.allows(tabId, sender.frameId))) return fail('此侧栏未经台账扩展打开，已拒绝');
      }
      switch (message.type) {
        case 'sidebar:hello':
          return fail('只有台账侧栏可以这样做');
        case 'context:get':
          if (tabId === undefined) return fail('侧栏不在网页标签页中');
          return await sendToTab<Reply<unknown>>(tabId, { type: 'context:read' });
        case 'sidebar:close':
          if (tabId !== undefined) await sendToTab(tabId, { type: 'sidebar:close' });
          return ok(null);
        case 'sidebar:shown':
          this.tell(tabId, { type: 'show', ...(message.kind ? { kind: message.kind } : {}) });
          void this.runner.run();
          return ok(null);
        case 'context:changed':
          this.tell(tabId, { type: 'context:changed' });
          return ok(null);
        case 'record:save':
          return await this.saveRecord(message.id, message.fields, tabId);
        case 'record:delete': {
          const record = await this.store.getRecord(message.id);
          if (!record) return fail('记录不存在');
          const saved = await this.store.deleteRecord(message.id);
          await this.kick();
          return ok(saved);
        }
        case 'item:update':
          return await this.updateItem(message.id, message.fields);
        case 'sync:now':
          return ok(await this.runner.run());
        case 'me:refresh':
          return ok(await this.refreshMe());
        case 'account:connect': {
          if (!isOptionsPage(sender)) return fail('只有设置页可以更改服务器和令牌');
          const result = await connectAccount(this.store, this.runner, { serverUrl: message.serverUrl, token: message.token }, message.discardPending);
          if (result.connected) await this.applySites();
          return ok(result);
        }
        case 'tasks:get':
          return ok(await fetchMyTasks(this.store));
        case 'sites:apply':
          return ok(await this.applySites());
        case 'page:quotes':
          return ok(await this.quotesFor(message.url));
        case 'open:source': {
          const url = new URL(message.url);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('只能打开网页地址');
          await browser.tabs.create({ url: url.href });
          return ok(null);
        }
      }
    } catch (err) {
      return fail(err instanceof TransportError || err instanceof Error ? err.message : String(err));
    }
  }

  private async saveRecord(id: string | null, fields: Record<string, unknown>, tabId: number | undefined): Promise<Reply<unknown>> {
    const existing = id ? await this.store.getRecord(id) : null;
    if (id && !existing) return fail('记录不存在');
    const whole = editedRecord(existing?.fields ?? null, fields);
    const errors = validateRecord(whole);
    const [field, message] = Object.entries(errors)[0] ?? [];
    if (field && message) return fail(message, field);
    const saved = await this.store.saveRecord(id, whole);
    await this.kick();
    if (tabId !== undefined) void sendToTab(tabId, { type: 'highlights:refresh' }).catch(() => undefined);
    return ok(saved);
  }

  private async updateItem(id: string, fields: Record<string, unknown>): Promise<Reply<unknown>> {
    const allowed = new Set<string>(ASSIGNEE_EDITABLE_ITEM_FIELDS);
    const bad = Object.keys(fields).find((k) => !allowed.has(k));
    if (bad) return fail('只能更新进展、状态和佐证材料', bad);
    if (fields.status !== undefined && !ASSIGNEE_SETTABLE_STATUSES.includes(fields.status as ItemStatus)) {
      return fail(ASSIGNEE_STATUS_RULE, 'status');
    }
    const current = (await this.store.items()).find((i) => i.id === id);
    const evidence = String(fields.evidence ?? current?.fields.evidence ?? '').trim();
    if (fields.status === 'done' && !evidence) return fail('标记完成需填写佐证材料', 'evidence');
    for (const k of ['progress', 'evidence'] as const) {
      if (fields[k] !== undefined && (typeof fields[k] !== 'string' || (fields[k] as string).length > 5000)) return fail('内容过长（最多 5000 个字符）', k);
    }
    const item = await this.store.updateItem(id, fields);
    await this.kick();
    return ok(item);
  }

  async refreshMe(): Promise<{ user: User; campaigns: Campaign[] }> {
    const settings = await getSettings();
    const me = await callApi<{ user: User; campaigns: Campaign[] }>(settings, '/api/v1/me');
    const owner = await this.store.owner();
    const cached = await getMe();
    const boundTo = owner ?? (cached ? { server: serverOrigin(settings.serverUrl), userId: cached.user.id } : null);
    if (boundTo && (boundTo.server !== serverOrigin(settings.serverUrl) || boundTo.userId !== me.user.id)) {
      throw new TransportError('auth', '当前令牌属于另一位用户或另一台服务器，请在设置页点击“测试连接并保存”');
    }
    // A store from before owners were recorded is bound on first refresh, to the user it was used by.
    if (!owner) await this.store.bindOwner({ server: serverOrigin(settings.serverUrl), userId: me.user.id, tokenHash: await hashToken(settings.token) });
    await saveMe({ ...me, fetchedAt: Date.now() });
    await this.store.putCampaigns(me.campaigns);
    await this.runner.updateBadge();
    await this.applySites();
    return me;
  }

  async applySites(): Promise<string[]> {
    const me = await getMe();
    const campaignSites = (me?.campaigns ?? []).flatMap((c) => c.oaOrigins ?? []);
    const sites = await permittedSites(campaignSites);
    await registerLauncher(sites);
    return sites;
  }

  /** Quotes of my live records made on this page, for highlighting. */
  private async quotesFor(url: string): Promise<TextQuoteSelector[]> {
    const records = await this.store.listRecords();
    return records
      .filter((r) => !r.fields.deleted)
      .map((r) => r.fields.page as { url?: string; selector?: TextQuoteSelector } | null | undefined)
      .filter((p): p is { url: string; selector: TextQuoteSelector } => !!p?.selector && p.url === url)
      .map((p) => p.selector);
  }
}
