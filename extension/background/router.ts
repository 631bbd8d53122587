/** Answers the messages of the sidebar, options page and content scripts (see messaging/messages.ts). */
import { browser, type Browser } from 'wxt/browser';
import type { Campaign } from '../../shared/model/campaign';
import {
  ASSIGNEE_EDITABLE_ITEM_FIELDS,
  ASSIGNEE_SETTABLE_STATUSES,
  ASSIGNEE_STATUS_RULE,
  DONE_NEEDS_EVIDENCE,
  type ItemStatus,
} from '../../shared/model/list-item';
import type { TextQuoteSelector } from '../../shared/model/page';
import type { User } from '../../shared/model/user';
import type { BackgroundMessage, BackgroundReply, BackgroundRequest, BackgroundRequests, BackgroundRequestType, Reply } from '../messaging/messages';
import { PAGE_READER_FILE } from '../page/on-demand';
import { permittedSites, registerLauncher } from '../settings/oa-sites';
import { getMe, getSettings, saveMe } from '../settings/settings';
import { validateRecord } from '../../shared/model/record-check';
import type { LocalItem, LocalRecord, LocalStore } from '../sync/local-store';
import { hashToken, serverOrigin } from '../sync/owner';
import { askServer, TransportError } from '../sync/transport';
import { MeSchema } from '../../shared/model/me';
import { connectAccount } from './account-connect';
import { listEvidenceFiles, uploadEvidenceFile } from './evidence-files';
import { fetchMyTasks } from './my-tasks-fetch';
import { editedRecord } from './record-edit';
import { forgetOwnRule, rulesForSite, saveOwnRule, shareRule } from './site-rules';
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

type Handlers = { [K in BackgroundRequestType]: (message: BackgroundRequest<K>, tabId: number | undefined) => Promise<Reply<BackgroundReply<K>>> };

/** Who may send each request; typed by the contract so the two cannot disagree. */
const SENDERS: { [K in BackgroundRequestType]: BackgroundRequests[K]['from'] } = {
  'sidebar:ticket': 'launcher',
  'sidebar:hello': 'sidebar',
  'page:reader': 'launcher',
  'siteRule:save': 'extension',
  'siteRule:share': 'extension',
  'siteRule:forget': 'extension',
  'record:save': 'extension',
  'record:delete': 'extension',
  'item:update': 'extension',
  'sync:now': 'extension',
  'me:refresh': 'extension',
  'account:connect': 'options',
  'tasks:get': 'extension',
  'sites:apply': 'extension',
  'page:quotes': 'any',
  'open:source': 'extension',
  'evidence:list': 'extension',
  'evidence:upload': 'extension',
};

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const fail = (message: string, field?: string): Reply<never> => ({ ok: false, message, ...(field ? { field } : {}) });

/**
 * The sidebar's page context does not pass through here: it comes from the content script over the
 * page port (content/sidebar-link.ts). The background issues and redeems the tickets that make that
 * port trustworthy, and guards everything that touches records, sync and settings.
 */
export class Router {
  constructor(
    private readonly store: LocalStore,
    private readonly runner: SyncRunner,
    private readonly gate: SidebarGate,
  ) {}

  /** Shows the new pending count before answering (so no stale 已同步 is seen), then syncs in the background. */
  private async kick(): Promise<void> {
    await this.runner.markPending();
    void this.runner.run();
  }

  /** One handler per request of the contract (messaging/messages.ts); the map's type makes a missing or mistyped one a compile error. */
  private readonly handlers: Handlers = {
    'sidebar:ticket': async (_m, tabId) => ok(await this.gate.issue(tabId!)),
    // Redeeming is the sender check itself (see `refuseSender`); reaching here means it succeeded.
    'sidebar:hello': async () => ok(null),
    // The launcher runs in tabs we hold a host permission for (a registered OA site) or were given
    // activeTab on (the toolbar button), the same grants that let it run there at all.
    'page:reader': async (m, tabId) => {
      await browser.scripting.executeScript({ target: { tabId: tabId!, frameIds: [0] }, files: [`/${PAGE_READER_FILE}` as '/page-reader.js'] });
      return ok(await rulesForSite(new URL(m.url).origin, await this.store.campaigns()));
    },
    'siteRule:save': async (m) => {
      await saveOwnRule(m.rule);
      return ok(null);
    },
    'siteRule:share': async (m) => ok(await shareRule(m.campaignId, m.rule)),
    'siteRule:forget': async (m) => {
      await forgetOwnRule(m.site, m.field);
      return ok(null);
    },
    'record:save': (m, tabId) => this.saveRecord(m.id, m.fields, tabId),
    'record:delete': async (m) => {
      const record = await this.store.getRecord(m.id);
      if (!record) return fail('记录不存在');
      const saved = await this.store.deleteRecord(m.id);
      await this.kick();
      return ok(saved);
    },
    'item:update': (m) => this.updateItem(m.id, m.fields),
    'sync:now': async () => ok(await this.runner.run()),
    'me:refresh': async () => ok(await this.refreshMe()),
    'account:connect': async (m) => {
      const result = await connectAccount(this.store, this.runner, { serverUrl: m.serverUrl, token: m.token }, m.discardPending);
      if (result.connected) await this.applySites();
      return ok(result);
    },
    'tasks:get': async () => ok(await fetchMyTasks(this.store)),
    'sites:apply': async () => ok(await this.applySites()),
    'page:quotes': async (m) => ok(await this.quotesFor(m.url)),
    'open:source': async (m) => {
      const url = new URL(m.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('只能打开网页地址');
      await browser.tabs.create({ url: url.href });
      return ok(null);
    },
    'evidence:list': async (m) => ok(await listEvidenceFiles(m.campaignId, m.itemId)),
    'evidence:upload': async (m) => ok(await uploadEvidenceFile(m.campaignId, m.itemId, m.name, m.base64)),
  };

  async handle(message: BackgroundMessage, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
    // Only our own pages and content scripts talk to us; a web page cannot reach onMessage.
    if (sender.id !== browser.runtime.id) return fail('拒绝来源不明的消息');
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(this.handlers, type)) return fail('扩展无法处理此请求');
    try {
      const refusal = await this.refuseSender(message, sender);
      if (refusal) return refusal;
      const handler = this.handlers[message.type] as (m: BackgroundMessage, tabId: number | undefined) => Promise<Reply<unknown>>;
      return await handler(message, sender.tab?.id);
    } catch (err) {
      return fail(err instanceof TransportError || err instanceof Error ? err.message : String(err));
    }
  }

  /** The guard before dispatch: who may send `message` (its `from` in the contract), and a sidebar frame only with its ticket redeemed. */
  private async refuseSender(message: BackgroundMessage, sender: Browser.runtime.MessageSender): Promise<Reply<never> | null> {
    const tabId = sender.tab?.id;
    const from = SENDERS[message.type];
    if (from === 'launcher' && (tabId === undefined || sender.frameId !== 0 || isExtensionUrl(sender.url))) return fail('只有台账启动按钮可以打开侧栏');
    if (from === 'options' && !isOptionsPage(sender)) return fail('只有设置页可以更改服务器和令牌');
    if (from === 'extension' && !isExtensionUrl(sender.url)) return fail('只有台账侧栏和设置页可以这样做');
    if (from === 'sidebar' && !isSidebarFrame(sender)) return fail('只有台账侧栏可以这样做');
    if (isSidebarFrame(sender)) {
      const frameKnown = tabId !== undefined && sender.frameId !== undefined;
      if (message.type === 'sidebar:hello') {
        return frameKnown && (await this.gate.redeem(message.ticket, tabId, sender.frameId!)) ? null : fail('此侧栏不是由台账扩展在本页打开的，已拒绝显示');
      }
      if (!frameKnown || !(await this.gate.allows(tabId, sender.frameId!))) return fail('此侧栏未经台账扩展打开，已拒绝');
    }
    return null;
  }

  private async saveRecord(id: string | null, fields: Record<string, unknown>, tabId: number | undefined): Promise<Reply<LocalRecord>> {
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

  private async updateItem(id: string, fields: Record<string, unknown>): Promise<Reply<LocalItem>> {
    const allowed = new Set<string>(ASSIGNEE_EDITABLE_ITEM_FIELDS);
    const bad = Object.keys(fields).find((k) => !allowed.has(k));
    if (bad) return fail('只能更新进展、状态和佐证材料', bad);
    if (fields.status !== undefined && !ASSIGNEE_SETTABLE_STATUSES.includes(fields.status as ItemStatus)) {
      return fail(ASSIGNEE_STATUS_RULE, 'status');
    }
    const current = (await this.store.items()).find((i) => i.id === id);
    const evidence = String(fields.evidence ?? current?.fields.evidence ?? '').trim();
    if (fields.status === 'done' && !evidence) return fail(DONE_NEEDS_EVIDENCE, 'evidence');
    for (const k of ['progress', 'evidence'] as const) {
      if (fields[k] !== undefined && (typeof fields[k] !== 'string' || (fields[k] as string).length > 5000)) return fail('内容过长（最多 5000 个字符）', k);
    }
    const item = await this.store.updateItem(id, fields);
    await this.kick();
    return ok(item);
  }

  async refreshMe(): Promise<{ user: User; campaigns: Campaign[] }> {
    const settings = await getSettings();
    const me = await askServer(settings, (api) => api.me.$get(), MeSchema);
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
