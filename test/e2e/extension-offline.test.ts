/**
 * Offline first, in real Chromium: with the server unreachable, records are kept and shown as
 * waiting; once it is back they reach it exactly once, without the user doing anything. Two
 * browser profiles of one user editing the same record converge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import {
  captureOpinion,
  configure,
  localStorageOf,
  openFromLauncher,
  startRelay,
  syncNow,
  syncStatus,
  type Relay,
  poll,
  saveExpecting,
} from './extension-harness';

describe.skipIf(!browserAvailable())('offline capture and convergence', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let relay: Relay;
  let token: string;
  const browsers: ExtensionBrowser[] = [];

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    const member = await server.createUser('王刚', '党委学生工作部');
    token = member.token;
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '下基层察民情解民忧暖民心实践活动', template: 'grassroots', memberIds: [member.user.id] },
    });
    expect(res.status).toBe(201);
    fixtures = await startFixtureServer(ownOaFixtures);
    relay = await startRelay(server.url);
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await relay?.close();
    await fixtures?.close();
    await server?.stop();
  });

  it('keeps records made while the server is down and delivers them exactly once when it is back', async () => {
    const ext = await launchWithExtension();
    browsers.push(ext);
    await configure(ext, relay.url, token, fixtures.origin);
    await relay.down();

    const tongda = fixtures.pages.find((p) => p.file === 'tongda-notify.html')!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(tongda));
    await captureOpinion(page, '各支部党员深入学院、宿舍、食堂听取师生意见建议');
    const frame = await captureOpinion(page, '纳入问题清单统筹推进');
    await poll(() => syncStatus(frame), { timeout: 10_000 }).toBe('offline');
    expect(await frame.getByTestId('tz-sync-state').getAttribute('data-pending')).toBe('2');
    expect(await frame.getByTestId('tz-sync-state').textContent()).toContain('离线');

    // A reload loses nothing: the records live in the extension's store.
    await page.reload();
    const local = Object.keys(await localStorageOf(ext)).filter((k) => k.startsWith('rec:'));
    expect(local).toHaveLength(2);
    expect(await server.store.find('records')).toHaveLength(0);

    // Back online: the retry alarm delivers them with no user action.
    await relay.up();
    await poll(async () => (await server.store.find('records')).length, { timeout: 45_000, interval: 500 }).toBe(2);
    const frame2 = await openFromLauncher(page);
    await poll(() => syncStatus(frame2), { timeout: 10_000 }).toBe('synced');
    // A further sync sends nothing twice.
    await frame2.getByTestId('tz-sync-state').click();
    await poll(() => syncStatus(frame2)).toBe('synced');
    const records = await server.store.find('records');
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.fields.content).sort()).toEqual(['各支部党员深入学院、宿舍、食堂听取师生意见建议', '纳入问题清单统筹推进'].sort());
    await page.close();
  }, 90_000);

  it('two browser profiles of one user editing the same record converge', async () => {
    const [a, b] = [await launchWithExtension(), await launchWithExtension()];
    browsers.push(a, b);
    await configure(a, relay.url, token, fixtures.origin);
    await configure(b, relay.url, token, fixtures.origin);
    const landray = fixtures.pages.find((p) => p.file === 'landray-review.html')!;

    const pageA = await a.context.newPage();
    await pageA.goto(fixtures.urlOf(landray));
    const frameA = await captureOpinion(pageA, '每名党员结合岗位作出公开承诺');
    await poll(() => syncStatus(frameA), { timeout: 10_000 }).toBe('synced');

    const pageB = await b.context.newPage();
    await pageB.goto(fixtures.urlOf(landray));
    const frameB = await openFromLauncher(pageB);
    await frameB.getByTestId('tz-sync-state').click();
    await frameB.getByTestId('tz-tab-records').click();
    await frameB.getByTestId('tz-records-here').getByTestId('tz-record-item').first().waitFor({ timeout: 10_000 });

    // B changes the category, A changes the content: different fields, both must survive.
    await frameB.getByTestId('tz-record-edit').first().click();
    const categories = frameB.getByTestId('tz-field-category').locator('option');
    const lastCategory = (await categories.nth((await categories.count()) - 1).getAttribute('value'))!;
    await frameB.getByTestId('tz-field-category').selectOption(lastCategory);
    await saveExpecting(frameB, '已保存修改');

    await frameA.getByTestId('tz-tab-records').click();
    await frameA.getByTestId('tz-record-edit').first().click();
    await frameA.getByTestId('tz-field-content').fill('党员承诺要落实到备课、上课、辅导的每一个环节');
    await saveExpecting(frameA, '已保存修改');

    for (const frame of [frameA, frameB, frameA]) await syncNow(frame);
    const fieldsOf = async (ext: ExtensionBrowser) => {
      const recs = Object.entries(await localStorageOf(ext)).filter(([k]) => k.startsWith('rec:'));
      return recs
        .map(([, v]) => (v as { fields: Record<string, unknown> }).fields)
        .find((f) => (f.page as { title?: string })?.title === landray.expect.title)!;
    };
    const [fa, fb] = [await fieldsOf(a), await fieldsOf(b)];
    expect(fa).toEqual(fb);
    expect(fa).toMatchObject({ content: '党员承诺要落实到备课、上课、辅导的每一个环节', category: lastCategory });
  }, 90_000);
});
