/**
 * The capture path end to end in real Chromium with the built extension and a real server:
 * options page → OA site → selection → launcher → opinion form → saved locally → at the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { configure, fillOpinion, openFromLauncher, selectText, poll } from './extension-harness';

describe.skipIf(!browserAvailable())('capturing an opinion on an OA page', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let ext: ExtensionBrowser;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    const member = await server.createUser('李琛', '党委办公室');
    token = member.token;
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '下基层察民情解民忧暖民心实践活动', template: 'grassroots', memberIds: [member.user.id] },
    });
    expect(res.status).toBe(201);
    fixtures = await startFixtureServer(ownOaFixtures);
    ext = await launchWithExtension();
    await configure(ext, server.url, token, fixtures.origin);
  });

  afterAll(async () => {
    await ext?.close();
    await fixtures?.close();
    await server?.stop();
  });

  it('saves the selected sentence with the page context and the server receives it', async () => {
    const pageInfo = fixtures.pages.find((p) => p.file === 'weaver-e9-workflow.html')!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(pageInfo));
    const sentence = '各单位要建立问题清单、任务清单、效果清单';
    await selectText(page, sentence);
    const frame = await openFromLauncher(page);
    await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe(pageInfo.expect.title);
    expect(await frame.getByTestId('tz-page-docNumber').textContent()).toBe(pageInfo.expect.docNumber);
    expect(await frame.getByTestId('tz-field-quote').inputValue()).toBe(sentence);
    expect(await frame.getByTestId('tz-field-content').inputValue()).toBe(sentence);
    await fillOpinion(frame);
    await frame.getByTestId('tz-save').click();
    await poll(async () => (await server.store.find('records')).length, { timeout: 15_000 }).toBe(1);
    await poll(() => frame.getByTestId('tz-sync-state').getAttribute('data-status')).toBe('synced');
    const records = await server.store.find('records');
    expect(records[0]!.fields).toMatchObject({
      kind: 'opinion',
      content: sentence,
      page: { title: pageInfo.expect.title, docNumber: '校党发〔2022〕21号', quote: sentence },
    });
  });
});
