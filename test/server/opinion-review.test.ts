/**
 * The office's review loop over HTTP (issue 10): why each opinion's records are together, the
 * suggestions "可能是同一问题", and the one-click answers in the API and the console — who may give
 * them, what a bad one gets, and that an answer stays in its campaign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { DEFAULT_GROUPING } from '../../shared/grouping/cluster';
import { DEFAULT_REVIEW } from '../../shared/grouping/review';
import { BORDERLINE_OPINIONS } from '../support/borderline-opinions';
import { consoleClient as browserConsole } from '../support/console-client';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const TEXTS = BORDERLINE_OPINIONS;
type Key = keyof typeof TEXTS;

async function campaignWithOpinions(): Promise<{ campaignId: string; li: Member; r: Record<Key, string> }> {
  const campaignId = (await createCampaign(t)).id;
  const li = await addMember(t, campaignId, '李老师');
  const r = {} as Record<Key, string>;
  let n = 0;
  // Ids that sort in push order: records pushed within one millisecond are visited by id.
  for (const [key, text] of Object.entries(TEXTS) as [Key, string][]) {
    r[key] = await pushRecord(t, li, opinion(campaignId, text), `r-${String(n++).padStart(2, '0')}-${Math.random().toString(36).slice(2, 8)}`);
  }
  return { campaignId, li, r };
}

const items = async (campaignId: string) => (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items as any[];
const suggestions = async (campaignId: string) => (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions/suggestions`)).body.suggestions as any[];
const groupOf = (list: any[], recordId: string) => list.find((i) => i.recordIds.includes(recordId));
/** The suggestion between the items holding these two records, if any. */
async function suggestionFor(campaignId: string, a: string, b: string) {
  const list = await items(campaignId);
  const ids = [groupOf(list, a).id, groupOf(list, b).id].sort();
  return (await suggestions(campaignId)).find((s) => [...s.groupIds].sort().join() === ids.join());
}
const verdictDocs = async (campaignId: string) => (await t.store.find('groups', { campaignId })).filter((g) => g.verdict);
const answer = (campaignId: string, verb: 'accept' | 'reject', body: unknown, token?: string) =>
  t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/suggestions/${verb}`, { body, ...(token ? { token } : {}) });

describe('why records are together', () => {
  it('gives each item of several records its linking terms and a confidence; single records have none', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const list = await items(campaignId);
    const bath = groupOf(list, r.bath1);
    expect(bath.recordIds).toEqual([r.bath1, r.bath2]);
    expect(['high', 'medium', 'low']).toContain(bath.why.confidence);
    expect(bath.why.terms.map((t: any) => t.term)).toEqual(expect.arrayContaining(['c:bath', 'c:crowding']));
    expect(bath.why.terms.find((t: any) => t.term === 'c:bath').label).toContain('澡堂');
    expect(groupOf(list, r.express).why).toEqual({ cohesion: 0, likelihood: null, confidence: null, terms: [] });
  });
});

describe('suggestions "可能是同一问题"', () => {
  it('offers the borderline pairs with their linking terms, true and false ones alike', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const network = await suggestionFor(campaignId, r.net1, r.net2);
    expect(network).toBeDefined();
    // Below the model's threshold: likely, not sure enough to merge unasked.
    expect(network.similarity).toBeGreaterThanOrEqual(DEFAULT_REVIEW.suggestLikelyFrom);
    expect(network.similarity).toBeLessThan(DEFAULT_GROUPING.pairModel!.threshold);
    expect(network.terms.map((t: any) => t.label)).toContain('网');
    expect(await suggestionFor(campaignId, r.hours, r.seats)).toBeDefined();
  });

  it('accepting merges the two for good: one item, pinned, audited, and the suggestion is gone', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    const s = await suggestionFor(campaignId, r.net1, r.net2);
    const res = await answer(campaignId, 'accept', { groupIds: s.groupIds });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ id: s.groupIds[0], manual: true, mentions: 2 });
    expect(res.body.item.recordIds.sort()).toEqual([r.net1, r.net2].sort());
    expect(await suggestionFor(campaignId, r.net1, r.net2)).toBeUndefined();
    // A new record and the regrouping it causes leave the merge alone.
    await pushRecord(t, li, opinion(campaignId, '宿舍热水时有时无'));
    const after = await items(campaignId);
    expect(groupOf(after, r.net1).id).toBe(groupOf(after, r.net2).id);
    const audit = (await t.api('GET', `/api/v1/campaigns/${campaignId}/audit`)).body;
    expect(JSON.stringify(audit)).toContain('opinion.accept_suggestion');
    expect((await verdictDocs(campaignId)).map((v) => v.verdict)).toEqual([
      expect.objectContaining({ answer: 'same', source: 'suggestion', left: [expect.any(String)], right: [expect.any(String)] }),
    ]);
  });

  it('rejecting keeps the two apart and never suggests them again, also after new records; a second rejection is a 409', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    const s = await suggestionFor(campaignId, r.hours, r.seats);
    const res = await answer(campaignId, 'reject', { groupIds: s.groupIds });
    expect(res.status).toBe(200);
    expect(await suggestionFor(campaignId, r.hours, r.seats)).toBeUndefined();
    // A record that links both (座位, 闭馆) arrives: the two still never share an item, nor come back as a suggestion.
    await pushRecord(t, li, opinion(campaignId, '图书馆座位太少，闭馆又太早'));
    const after = await items(campaignId);
    expect(groupOf(after, r.hours).id).not.toBe(groupOf(after, r.seats).id);
    expect(await suggestionFor(campaignId, r.hours, r.seats)).toBeUndefined();
    const again = await answer(campaignId, 'reject', { groupIds: [groupOf(after, r.hours).id, groupOf(after, r.seats).id] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('不是同一问题');
    expect(await verdictDocs(campaignId)).toHaveLength(1);
  });

  it('refuses bad answers with a plain 4xx and changes nothing', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const list = await items(campaignId);
    const a = groupOf(list, r.net1).id;
    const b = groupOf(list, r.net2).id;
    const before = await t.store.find('groups', { campaignId });
    const cases: Array<[unknown, number, RegExp]> = [
      [{ groupIds: [a] }, 400, /两条意见/],
      [{ groupIds: [a, a] }, 400, /两条不同的意见/],
      [{ groupIds: [a, 'auto-nowhere'] }, 404, /不存在/],
      [{ groupIds: [a, b], extra: 1 }, 400, /./],
      [{}, 400, /./],
    ];
    for (const [body, status, message] of cases) {
      for (const verb of ['accept', 'reject'] as const) {
        const res = await answer(campaignId, verb, body);
        expect(res.status, `${verb} ${JSON.stringify(body)}`).toBe(status);
        expect(res.body.error.message).toMatch(message);
      }
    }
    // Two items of different categories need the category chosen, as a merge does.
    const parcel = (await t.api('PATCH', `/api/v1/campaigns/${campaignId}/opinions/${groupOf(list, r.express).id}`, { body: { category: '校园建设' } })).body
      .item;
    const afterRename = await t.store.find('groups', { campaignId });
    const mixed = await answer(campaignId, 'accept', { groupIds: [parcel.id, groupOf(list, r.seats).id] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toContain('类别不同');
    expect(await t.store.find('groups', { campaignId })).toEqual(afterRename);
    expect(afterRename.length).toBe(before.length + 1);
  });

  it('is the office’s alone: a member of the campaign gets 403 and nothing changes', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    const s = await suggestionFor(campaignId, r.net1, r.net2);
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions/suggestions`, { token: li.token })).status).toBe(403);
    for (const verb of ['accept', 'reject'] as const) expect((await answer(campaignId, verb, { groupIds: s.groupIds }, li.token)).status).toBe(403);
    expect(await verdictDocs(campaignId)).toEqual([]);
  });

  it('keeps verdicts away from the extension: a member’s pull never carries one', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    const s = await suggestionFor(campaignId, r.hours, r.seats);
    expect((await answer(campaignId, 'reject', { groupIds: s.groupIds })).status).toBe(200);
    const pulled = await t.api('POST', '/api/v1/sync/pull', { token: li.token, body: { protocolVersion: 1, clientId: li.clientId, cursor: null } });
    expect(pulled.status).toBe(200);
    expect(new Set(pulled.body.entities.map((e: any) => e.entity))).toEqual(new Set(['record', 'campaign']));
    expect(JSON.stringify(pulled.body)).not.toContain('verdict');
  });
});

describe("a campaign's learning stays in that campaign", () => {
  it('answers in one campaign change neither the grouping nor the suggestions of another with the same opinions', async () => {
    const one = await campaignWithOpinions();
    const other = await campaignWithOpinions();
    const shape = async (campaignId: string, r: Record<Key, string>) => {
      const name = new Map(Object.entries(r).map(([k, id]) => [id, k]));
      const list = await items(campaignId);
      const byRecords = (ids: string[]) =>
        ids
          .map((id) => name.get(id))
          .sort()
          .join('+');
      const groups = list.map((i) => byRecords(i.recordIds)).sort();
      const idToRecords = new Map(list.map((i) => [i.id, i.recordIds as string[]]));
      const offered = (await suggestions(campaignId)).map((s) => s.groupIds.map((g: string) => byRecords(idToRecords.get(g)!)).join(' ~ ')).sort();
      return { groups, offered, why: list.map((i) => JSON.stringify(i.why)).sort() };
    };
    const before = await shape(other.campaignId, other.r);
    // The office of the first campaign answers every suggestion it is offered: true ones accepted, false ones rejected.
    for (let round = 0; round < 10; round++) {
      const [s] = await suggestions(one.campaignId);
      if (!s) break;
      const list = await items(one.campaignId);
      const records = s.groupIds.map((g: string) => list.find((i) => i.id === g).recordIds as string[]);
      const network = new Set([one.r.net1, one.r.net2]);
      const same = records.every((ids: string[]) => ids.some((id) => network.has(id)));
      expect((await answer(one.campaignId, same ? 'accept' : 'reject', { groupIds: s.groupIds })).status).toBe(200);
    }
    expect((await verdictDocs(one.campaignId)).length).toBeGreaterThan(1);
    expect(await shape(one.campaignId, one.r)).not.toEqual(before);
    expect(await shape(other.campaignId, other.r)).toEqual(before);
  });
});

/** Answers every suggestion campaign `c` is offered, as an office that knows the network pair is the one true problem. */
async function answerAll(c: { campaignId: string; r: Record<Key, string> }) {
  for (let round = 0; round < 10; round++) {
    const [s] = await suggestions(c.campaignId);
    if (!s) break;
    const list = await items(c.campaignId);
    const records = s.groupIds.map((g: string) => list.find((i) => i.id === g).recordIds as string[]);
    const network = new Set([c.r.net1, c.r.net2]);
    const same = records.every((ids: string[]) => ids.some((id) => network.has(id)));
    expect((await answer(c.campaignId, same ? 'accept' : 'reject', { groupIds: s.groupIds })).status).toBe(200);
  }
}

describe("an admin may share one campaign's learning with another", () => {
  const learning = (campaignId: string) => t.api('GET', `/api/v1/campaigns/${campaignId}/opinions/learning`);
  const share = (campaignId: string, body: unknown, token?: string) =>
    t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/learning/shared`, { body, ...(token ? { token } : {}) });
  const withdraw = (campaignId: string, from: string) => t.api('DELETE', `/api/v1/campaigns/${campaignId}/opinions/learning/shared/${from}`);
  /** The grouping as the office reads it, by record names: groups, suggestions with their similarity, reasons. */
  const reading = async (c: { campaignId: string; r: Record<Key, string> }) => {
    const name = new Map(Object.entries(c.r).map(([k, id]) => [id, k]));
    const list = await items(c.campaignId);
    const byRecords = (ids: string[]) =>
      ids
        .map((id) => name.get(id))
        .sort()
        .join('+');
    const idToRecords = new Map(list.map((i) => [i.id, i.recordIds as string[]]));
    const offered = new Map(
      (await suggestions(c.campaignId)).map((s) => [
        s.groupIds
          .map((g: string) => byRecords(idToRecords.get(g)!))
          .sort()
          .join(' ~ '),
        s.similarity as number,
      ]),
    );
    return { groups: list.map((i) => byRecords(i.recordIds)).sort(), offered, why: list.map((i) => JSON.stringify(i.why)).sort() };
  };

  it("copies the source's learnt weights (not its verdicts) into the target, which regroups with them; withdrawing restores it exactly", async () => {
    const source = await campaignWithOpinions();
    const target = await campaignWithOpinions();
    await answerAll(source);
    const before = await reading(target);
    expect((await learning(target.campaignId)).body).toEqual({ own: { verdicts: 0 }, shared: [] });
    const own = (await learning(source.campaignId)).body.own;
    expect(own.verdicts).toBeGreaterThan(1);

    const res = await share(target.campaignId, { fromCampaignId: source.campaignId });
    expect(res.status).toBe(201);
    expect(res.body.shared).toMatchObject({ fromCampaignId: source.campaignId, verdicts: own.verdicts, sharedBy: expect.any(String) });
    expect(res.body.shared.terms).toBeGreaterThan(0);
    expect(res.body.shared.strongest.length).toBeGreaterThan(0);
    // The source rejected 闭馆太早 ~ 座位太少 of the library: in the target that pair now weighs less.
    const after = await reading(target);
    const pair = ['hours', 'seats'].sort().join(' ~ ');
    expect(before.offered.get(pair)).toBeDefined();
    expect(after.offered.get(pair) ?? 0).toBeLessThan(before.offered.get(pair)!);
    // Its verdicts did not come along: the target keeps no verdict and no decision of its own.
    expect(await verdictDocs(target.campaignId)).toEqual([]);
    expect((await learning(target.campaignId)).body).toMatchObject({ own: { verdicts: 0 }, shared: [{ fromCampaignId: source.campaignId }] });

    // Sharing again replaces the snapshot rather than doubling it.
    expect((await share(target.campaignId, { fromCampaignId: source.campaignId })).status).toBe(201);
    expect((await learning(target.campaignId)).body.shared).toHaveLength(1);
    expect(await reading(target)).toEqual(after);

    expect((await withdraw(target.campaignId, source.campaignId)).status).toBe(200);
    expect((await learning(target.campaignId)).body.shared).toEqual([]);
    expect(await reading(target)).toEqual(before);

    const trail = (await t.store.find('audit', { campaignId: target.campaignId })).map((a) => a.action);
    expect(trail.filter((a) => a === 'opinion.share_learning')).toHaveLength(2);
    expect(trail).toContain('opinion.withdraw_learning');
  });

  it('refuses what cannot be shared with a plain 4xx and changes nothing', async () => {
    const target = await campaignWithOpinions();
    const unanswered = await campaignWithOpinions();
    const before = await reading(target);
    const cases: Array<[unknown, number, RegExp]> = [
      [{ fromCampaignId: target.campaignId }, 400, /自己/],
      [{ fromCampaignId: 'c-nowhere' }, 404, /不存在/],
      [{ fromCampaignId: unanswered.campaignId }, 400, /还没有“是同一问题/],
      [{ fromCampaignId: unanswered.campaignId, weights: [['u:宿', 0.01]] }, 400, /./],
      [{}, 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const res = await share(target.campaignId, body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    const none = await withdraw(target.campaignId, unanswered.campaignId);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('没有从该活动共享来的分组经验');
    expect((await learning(target.campaignId)).body.shared).toEqual([]);
    expect(await reading(target)).toEqual(before);
    expect((await t.store.find('groups', { campaignId: target.campaignId })).length).toBe(0);
  });

  it("is the office's alone: a member of both campaigns gets 403 and nothing is shared", async () => {
    const source = await campaignWithOpinions();
    await answerAll(source);
    const target = await campaignWithOpinions();
    const res = await share(target.campaignId, { fromCampaignId: source.campaignId }, target.li.token);
    expect(res.status).toBe(403);
    expect((await learning(target.campaignId)).body.shared).toEqual([]);
  });
});

describe('the console answers suggestions with one click, as the other actions do', () => {
  function consoleClient() {
    const client = browserConsole(() => t);
    return { ...client, signIn: () => client.signIn(t.adminToken) };
  }

  it('lists only the items to check record by record on ?check=low, and says how many there are', async () => {
    const campaignId = (await createCampaign(t)).id;
    const li = await addMember(t, campaignId, '李老师');
    // A pair the model is sure of; three records of one problem, one of them joined less surely (0.94 as shipped);
    // and two records of different problems that the office will put together itself.
    const texts = [
      '食堂饭菜价格太贵，学生吃不起',
      '食堂的饭菜价格太贵了，学生普遍吃不起',
      '澡堂人太多，排队洗澡要等半小时',
      '学生反映浴室淋浴头不够用，晚上高峰期要排队',
      '澡堂排队洗澡的人太多了，要等很久',
      '职称评审标准不透明，评审结果也不公示',
      '教工停车位太少，晚到就没地方停车',
    ];
    const ids: string[] = [];
    for (const [n, text] of texts.entries()) ids.push(await pushRecord(t, li, opinion(campaignId, text), `r-${n}-${Math.random().toString(36).slice(2, 8)}`));
    const before = await items(campaignId);
    const merged = await t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/merge`, {
      body: { groupIds: [groupOf(before, ids[5]!).id, groupOf(before, ids[6]!).id] },
    });
    expect(merged.status).toBeLessThan(300);
    const after = await items(campaignId);
    const price = groupOf(after, ids[0]!);
    const bath = groupOf(after, ids[2]!);
    const placed = groupOf(after, ids[5]!);
    expect([price.recordIds.length, bath.recordIds.length, placed.recordIds.length]).toEqual([2, 3, 2]);
    expect(price.why.confidence).toBe('high');
    expect(bath.why.confidence).toBe('low');
    expect(bath.why.likelihood).toBeLessThan(DEFAULT_REVIEW.likelyMedium);
    // What the office placed itself is its decision, not a doubt.
    expect(placed.why).toMatchObject({ likelihood: null, confidence: null });

    const office = consoleClient();
    await office.signIn();
    const all = await office.get(`/console/campaigns/${campaignId}/opinions`);
    expect(all.text).toContain('请逐条核对的意见有 1 条');
    expect(all.text).toContain('人工合并，无需核对');
    for (const text of [texts[0]!, texts[2]!, texts[5]!]) expect(all.text).toContain(text);
    const doubtful = await office.get(`/console/campaigns/${campaignId}/opinions?check=low`);
    expect(doubtful.status).toBe(200);
    expect(doubtful.text).toContain('当前只显示可信度');
    expect(doubtful.text).toContain(texts[2]!);
    expect(doubtful.text).not.toContain(texts[0]!);
    expect(doubtful.text).not.toContain(texts[5]!);
    // Anything else is no filter.
    const other = await office.get(`/console/campaigns/${campaignId}/opinions?check=%3Cscript%3E`);
    expect(other.status).toBe(200);
    expect(other.text).toContain(texts[0]!);
  });

  it('shows the suggestions and the reasons, and accepts and rejects through forms with the CSRF token', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const office = consoleClient();
    await office.signIn();
    const page = await office.get(`/console/campaigns/${campaignId}/opinions`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('可能是同一问题');
    expect(page.text).toContain('合并依据');
    expect(page.text).toMatch(/可信度 [高中低]/);
    expect(page.text).toContain('<mark>');

    const net = await suggestionFor(campaignId, r.net1, r.net2);
    const accepted = await office.post(`/console/campaigns/${campaignId}/opinions/suggestions/accept`, { groupIds: net.groupIds });
    expect(accepted.status).toBe(303);
    expect((await office.notice(accepted)).ok).toContain('已合并');
    expect(groupOf(await items(campaignId), r.net1).recordIds).toHaveLength(2);

    const wrong = await suggestionFor(campaignId, r.hours, r.seats);
    const rejected = await office.post(`/console/campaigns/${campaignId}/opinions/suggestions/reject`, { groupIds: wrong.groupIds });
    expect(rejected.status).toBe(303);
    expect((await office.notice(rejected)).ok).toContain('不是同一问题');
    expect(await suggestionFor(campaignId, r.hours, r.seats)).toBeUndefined();

    // Answering again is refused in words on the page, not with an error page.
    const twice = await office.post(`/console/campaigns/${campaignId}/opinions/suggestions/reject`, { groupIds: wrong.groupIds });
    expect((await office.notice(twice)).error).toContain('不是同一问题');
    const bad = await office.post(`/console/campaigns/${campaignId}/opinions/suggestions/accept`, { groupIds: [wrong.groupIds[0]] });
    expect(bad.status).toBe(303);
    expect((await office.notice(bad)).error).toContain('两条意见');
  });

  it('shares another campaign’s learning from the 分组经验 section and takes it back, with refusals in words', async () => {
    const source = await campaignWithOpinions();
    await answerAll(source);
    const target = await campaignWithOpinions();
    const sourceTitle = (await t.store.get('campaigns', source.campaignId))!.title;
    const office = consoleClient();
    await office.signIn();
    const path = `/console/campaigns/${target.campaignId}/opinions`;
    const page = await office.get(path);
    expect(page.text).toContain('分组经验（本活动判断 0 次）');
    expect(page.text).toContain(`<option value="${source.campaignId}">`);
    expect(page.text).not.toContain(`<option value="${target.campaignId}">`);

    const shared = await office.post(`${path}/learning/share`, { fromCampaignId: source.campaignId });
    expect(shared.status).toBe(303);
    expect((await office.notice(shared)).ok).toContain('已共享');
    const after = await office.get(path);
    expect(after.text).toContain('共享自其他活动 1 项');
    expect(after.text).toContain(`<strong>${sourceTitle}</strong>`);
    expect(after.text).toContain('（已共享，再次共享将更新）');

    const self = await office.post(`${path}/learning/share`, { fromCampaignId: target.campaignId });
    expect((await office.notice(self)).error).toContain('自己');
    const empty = await office.post(`${path}/learning/share`, { fromCampaignId: '' });
    expect((await office.notice(empty)).error).toBeTruthy();

    const withdrawn = await office.post(`${path}/learning/withdraw`, { fromCampaignId: source.campaignId });
    expect((await office.notice(withdrawn)).ok).toContain('已撤回');
    expect((await t.api('GET', `/api/v1/campaigns/${target.campaignId}/opinions/learning`)).body.shared).toEqual([]);
    const again = await office.post(`${path}/learning/withdraw`, { fromCampaignId: source.campaignId });
    expect((await office.notice(again)).error).toContain('没有从该活动共享来的分组经验');
  });

  it('refuses a post without the session’s CSRF token, or without a session, and changes nothing', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const s = await suggestionFor(campaignId, r.hours, r.seats);
    const office = consoleClient();
    await office.signIn();
    const forged = await t.fetch(`${t.url}/console/campaigns/${campaignId}/opinions/suggestions/reject`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${SESSION_COOKIE}=${encodeURIComponent(office.sessionId())}`, origin: t.url },
      body: new URLSearchParams([
        ['_csrf', 'not-the-token'],
        ['groupIds', s.groupIds[0]],
        ['groupIds', s.groupIds[1]],
      ]),
    });
    expect(forged.status).toBe(403);
    const anonymous = await consoleClient().post(`/console/campaigns/${campaignId}/opinions/suggestions/reject`, { groupIds: s.groupIds });
    expect(anonymous.status).toBe(401);
    expect(await verdictDocs(campaignId)).toEqual([]);
  });
});
