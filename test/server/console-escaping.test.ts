/**
 * What people type can only ever be text on the console's pages: a campaign title, a member's name,
 * an opinion and a list item carrying `<script>`, a `"` that would close an attribute, `'` and a
 * backtick come back escaped on every page that shows them, in text and in attribute values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient as browserConsole } from '../support/console-client';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, opinion, pushRecord } from './lists-support';

/** Typed text that would break out of a text node or an attribute if it were not escaped (≤ 50 chars, a name's limit). */
const TYPED = '<script>1</script>"onmouseover="a\'b`c';
const ESCAPED = '&lt;script&gt;1&lt;/script&gt;&quot;onmouseover=&quot;a&#39;b&#96;c';

let t: TestServer;
let office: ReturnType<typeof browserConsole>;
let campaignId: string;
let itemId: string;

beforeAll(async () => {
  t = await startTestServer();
  office = browserConsole(() => t);
  await office.signIn(t.adminToken);
  const created = await office.post('/console/campaigns', { title: TYPED, template: '', unit: TYPED });
  campaignId = /\/console\/campaigns\/([^/]+)\/members/.exec(created.location)?.[1] ?? '';
  expect(campaignId).not.toBe('');
  await office.get(`/console/campaigns/${campaignId}/members`);
  expect((await office.post(`/console/campaigns/${campaignId}/members/new`, { name: TYPED, unit: TYPED })).status).toBe(200);
  const member = await addMember(t, campaignId, '李老师');
  await pushRecord(t, member, opinion(campaignId, TYPED, { fromGroup: TYPED, category: TYPED }));
  await office.get(`/console/campaigns/${campaignId}/lists`);
  const added = await office.post(`/console/campaigns/${campaignId}/items`, { list: 'problem', title: TYPED, category: TYPED });
  expect((await office.notice(added)).ok).toBe('已添加问题');
  itemId = (await t.store.find('items')).find((i) => i.title === TYPED)!.id;
});
afterAll(async () => t?.stop());

function expectOnlyText(page: string, label: string) {
  expect(page, label).toContain(ESCAPED);
  expect(page, label).not.toContain('<script>');
  expect(page, label).not.toContain('"onmouseover');
  expect(page, label).not.toContain("a'b");
  expect(page, label).not.toContain('b`c');
}

describe('typed text on the console pages', () => {
  it.each([
    ['the campaign list', () => '/console'],
    ['the overview', () => `/console/campaigns/${campaignId}`],
    ['the merge review', () => `/console/campaigns/${campaignId}/opinions`],
    ['the lists', () => `/console/campaigns/${campaignId}/lists`],
    ['the item edit page', () => `/console/campaigns/${campaignId}/items/${itemId}/edit`],
    ['the members', () => `/console/campaigns/${campaignId}/members`],
    ['the settings', () => `/console/campaigns/${campaignId}/settings`],
    ['the audit log', () => `/console/campaigns/${campaignId}/audit`],
  ])('stays text on %s', async (label, path) => {
    const res = await office.get(path());
    expect(res.status, label).toBe(200);
    expectOnlyText(res.text, label);
  });

  it('stays inside the attribute value it was put in', async () => {
    const edit = (await office.get(`/console/campaigns/${campaignId}/items/${itemId}/edit`)).text;
    expect(edit).toContain(`<input name="title" value="${ESCAPED}" required`);
    expect(edit).toContain(`<option value="${ESCAPED}" selected>${ESCAPED}</option>`);
    const members = (await office.get(`/console/campaigns/${campaignId}/members`)).text;
    expect(members).toContain(`aria-label="${ESCAPED}"></td>`);
    const review = (await office.get(`/console/campaigns/${campaignId}/opinions`)).text;
    expect(review).toContain(`<input name="title" maxlength="500" value="${ESCAPED}">`);
    const overview = (await office.get(`/console/campaigns/${campaignId}`)).text;
    expect(overview).toContain(`<title>${ESCAPED} - 台账 活动办公室</title>`);
  });
});
