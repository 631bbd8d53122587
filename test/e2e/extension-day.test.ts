/**
 * A full day beside the OA pages (issue 14), in real Chromium: text large enough to read in a CJK
 * font, several opinions from one meeting without choosing the same values again, task cards that
 * show a saved status at once, and an options page that says who is connected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { browserAvailable, type ExtensionBrowser } from '../support/browser';
import type { FixtureServer } from '../support/fixture-server';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testExtensionDir } from '../support/paths';
import type { TestServer } from '../support/server';
import { fillOpinion, openFromLauncher, poll, saveExpecting, selectText, memberScene, type MemberScene } from './extension-harness';

/** Computed size (px) and family of an element. */
const fontOf = (el: Locator) =>
  el.evaluate((e) => {
    const style = getComputedStyle(e);
    return { size: Number.parseFloat(style.fontSize), family: style.fontFamily };
  });
const CJK_FIRST = /^"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"/;

describe.skipIf(!browserAvailable())('a full day of use', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let ext: ExtensionBrowser;
  let memberId: string;
  let campaignId: string;
  let memberToken: string;

  let scene: MemberScene;

  beforeAll(async () => {
    scene = await memberScene({ name: '林晓红', unit: '化学化工学院' }, { title: '下基层察民情活动', template: 'grassroots' });
    ({ server, fixtures, ext, memberId, campaignId, memberToken } = scene);
  });

  afterAll(() => scene?.close());

  const pageOf = (file: string) => scene.pageOf(file);

  it('sidebar text is 14 px (secondary never under 12 px) in a CJK font, fields and tabs included', async () => {
    const made = await server.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: { list: 'problem', title: '实验楼通风不畅', description: '', responsibleUnit: '化学化工学院', assigneeId: memberId, deadline: '2099-12-31' },
    });
    expect(made.status).toBe(201);
    const page = await ext.context.newPage();
    await page.goto(pageOf('landray-review.html'));
    const frame = await openFromLauncher(page);
    for (const id of ['tz-field-content', 'tz-field-channel', 'tz-field-heardOn', 'tz-tab-opinion', 'tz-page-title', 'tz-save']) {
      const font = await fontOf(frame.getByTestId(id));
      expect({ id, ...font, cjk: CJK_FIRST.test(font.family) }).toMatchObject({ id, size: 14, cjk: true });
    }
    for (const id of ['tz-page-docNumber', 'tz-page-url']) {
      const font = await fontOf(frame.getByTestId(id));
      expect({ id, big: font.size >= 12, cjk: CJK_FIRST.test(font.family) }).toEqual({ id, big: true, cjk: true });
    }
    await frame.getByTestId('tz-sync-state').click();
    await frame.getByTestId('tz-tab-tasks').click();
    const task = frame.getByTestId('tz-task').first();
    await poll(async () => (await frame.getByTestId('tz-task').count()) > 0).toBe(true);
    for (const line of [task.locator('.title'), task.locator('.muted').first(), task.getByTestId('tz-task-progress'), task.getByTestId('tz-task-save')]) {
      const font = await fontOf(line);
      expect(font.size).toBeGreaterThanOrEqual(12);
      expect(font.family).toMatch(CJK_FIRST);
    }
    expect((await fontOf(task.getByTestId('tz-task-progress'))).size).toBe(14);
    // 保存进展 is drawn like every other save button.
    const look = (el: Locator) => el.evaluate((e) => ['backgroundColor', 'color', 'borderRadius'].map((k) => getComputedStyle(e)[k as 'color']));
    const saveTask = await look(task.getByTestId('tz-task-save'));
    await frame.getByTestId('tz-tab-opinion').click();
    expect(saveTask).toEqual(await look(frame.getByTestId('tz-save')));

    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    for (const el of [options.getByRole('heading', { level: 1 }), options.getByTestId('tz-opt-server'), options.getByTestId('tz-opt-test')]) {
      const font = await fontOf(el);
      expect(font.size).toBeGreaterThanOrEqual(14);
      expect(font.family).toMatch(CJK_FIRST);
    }
    await options.close();
    await page.close();
  });

  it('meeting mode: three opinions in a row, channel, group, category and date chosen once', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('tongda-notify.html'));
    await selectText(page, '各支部党员深入学院、宿舍、食堂听取师生意见建议');
    const frame = await openFromLauncher(page);
    await fillOpinion(frame);
    await frame.getByTestId('tz-field-heardOn').fill('2026-03-01');
    const chosen = async () => Promise.all(['heardOn', 'channel', 'fromGroup', 'category'].map((n) => frame.getByTestId(`tz-field-${n}`).inputValue()));
    const first = await chosen();
    await saveExpecting(frame, '意见建议已保存');

    for (const content of ['实验楼晚上十点后无法进入', '希望增加研究生自习座位']) {
      await poll(() => frame.getByTestId('tz-field-content').inputValue()).toBe('');
      expect(await chosen()).toEqual(first);
      await expect.poll(() => frame.getByTestId('tz-field-content').evaluate((e) => e === document.activeElement)).toBe(true);
      await frame.getByTestId('tz-kept').waitFor();
      // The cursor is already in 内容: the user just types and presses 保存.
      await page.keyboard.type(content);
      await saveExpecting(frame, '意见建议已保存');
    }
    await frame.getByTestId('tz-sync-state').click();
    await poll(
      async () => {
        const res = await server.api('GET', `/api/v1/campaigns/${campaignId}/opinions`);
        return (res.body.items as { content: string }[]).length;
      },
      { timeout: 10_000 },
    ).toBe(3);
    await page.close();
  });

  it('a study session held together: 地点, 参加人员 and 主要内容 asked only then, and the office gets it in the 集体学习记录', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('tongda-notify.html'));
    const frame = await openFromLauncher(page);
    await frame.getByTestId('tz-tab-study').click();
    await frame.getByTestId('tz-form-study').waitFor();
    expect(await frame.getByLabel('地点').count()).toBe(0);
    await frame.getByTestId('tz-field-topic').fill('学习《中国共产党纪律处分条例》');
    await frame.getByTestId('tz-field-mode').selectOption('集中学习');
    await frame.getByLabel('地点').fill('化学楼 305 会议室');
    await frame.getByLabel('参加人员').fill('林晓红、周老师、陈老师');
    await frame.getByLabel('主要内容').fill('逐章学习条例，结合学院实际开展讨论');
    await frame.getByTestId('tz-field-studiedOn').fill('2026-03-02');
    await frame.getByTestId('tz-field-minutes').fill('90');
    await saveExpecting(frame, '学习记录已保存');
    await frame.getByTestId('tz-sync-state').click();
    await poll(
      async () => {
        const res = await server.fetch(`${server.url}/api/v1/campaigns/${campaignId}/export/study-sessions.csv`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        });
        return res.text();
      },
      { timeout: 10_000 },
    ).toContain('2026-03-02,化学楼 305 会议室,学习《中国共产党纪律处分条例》,逐章学习条例，结合学院实际开展讨论,林晓红、周老师、陈老师,林晓红');
    await page.close();
  });

  it('a task card shows the saved status at once, agrees with the header once synced, and shows the office’s 销号 and 整改成效', async () => {
    const made = await server.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: {
        list: 'problem',
        title: '研究生宿舍夜间热水不足',
        description: '',
        responsibleUnit: '化学化工学院',
        target: '夜间热水供应至23点，水温不低于45度',
        assigneeId: memberId,
        deadline: '2099-06-30',
      },
    });
    expect(made.status).toBe(201);
    const itemId = (made.body.item ?? made.body).id as string;
    const page = await ext.context.newPage();
    await page.goto(pageOf('landray-review.html'));
    const frame = await openFromLauncher(page);
    await frame.getByTestId('tz-sync-state').click();
    await frame.getByTestId('tz-tab-tasks').click();
    const card = frame.locator(`[data-task-id="${itemId}"]`);
    const state = card.getByTestId('tz-task-state');
    await poll(() => state.getAttribute('data-status')).toBe('open');
    expect(await card.getByTestId('tz-task-target').textContent()).toBe('整改目标：夜间热水供应至23点，水温不低于45度');

    await card.getByTestId('tz-task-progress').fill('已与后勤处商定加装热水器');
    await card.getByTestId('tz-task-status').selectOption('done');
    await card.getByTestId('tz-task-evidence').fill('后勤处回函');
    await card.getByTestId('tz-task-save').click();
    // At once, from the local store: no re-fetch of the task list in between.
    await poll(() => state.textContent()).toContain('已完成待销号');
    // Once the sync has run, the header and the card say the same.
    await poll(async () => [await frame.getByTestId('tz-sync-state').getAttribute('data-status'), await state.getAttribute('data-pending')]).toEqual([
      'synced',
      'false',
    ]);
    expect(await card.locator('[role=status]').textContent()).toBe('已保存并同步');
    expect(await state.textContent()).not.toContain('待同步');

    // The office closes it with its effect; the next sync brings both to the card.
    const closed = await server.api('POST', `/api/v1/campaigns/${campaignId}/items/${itemId}/close`, { body: { effect: '夜间热水供应延长至23点' } });
    expect(closed.status).toBe(200);
    await frame.getByTestId('tz-sync-state').click();
    await poll(() =>
      card
        .getByTestId('tz-task-effect')
        .textContent()
        .catch(() => null),
    ).toBe('整改成效：夜间热水供应延长至23点');
    expect(await card.getByTestId('tz-task-closed').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} 销号$/);
    expect(await state.getAttribute('data-status')).toBe('closed');
    expect(await card.getByTestId('tz-task-save').count()).toBe(0);
    await page.close();
  });

  it('options: says who is connected to which server when it opens, takes an address without http://, keeps an http OA site http, and explains each permission', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    await expect.poll(() => options.getByTestId('tz-opt-connected').textContent()).toBe(`已连接：林晓红（化学化工学院），服务器 ${server.url}，参加 1 项活动`);

    const address = options.getByRole('textbox', { name: '服务器地址' });
    expect(await address.getAttribute('type')).toBe('text');
    // Something that is not an address: our Chinese sentence, not the browser's "Please enter a URL".
    await address.fill('tz x edu');
    await options.getByRole('button', { name: '测试连接并保存' }).click();
    await poll(() => options.getByRole('status').textContent()).toBe('服务器地址格式不正确，应如 https://taizhang.example.edu.cn');
    expect(await address.evaluate((e) => (e as HTMLInputElement).validationMessage)).toBe('');

    const bare = server.url.replace(/^http:\/\//, '');
    await address.fill(bare);
    await options.getByLabel('令牌').fill(memberToken);
    await options.getByRole('button', { name: '测试连接并保存' }).click();
    await poll(() => options.getByRole('status').textContent()).toBe(
      `连接成功：林晓红（化学化工学院），参加 1 项活动（地址未写 http:// 或 https://，已按 ${server.url} 连接；若服务器用 https，请在地址前写明 https://）`,
    );
    expect(await address.inputValue()).toBe(server.url);

    // An OA site typed with http:// stays http (the fixture OA is http only).
    const site = options.getByRole('textbox', { name: 'OA 网站地址' });
    await site.fill(`http://localhost:${new URL(fixtures.origin).port}/oa/index.jsp`);
    await options.getByRole('button', { name: '添加', exact: true }).click();
    await poll(() => options.getByTestId('tz-opt-sites-status').textContent()).toBe('已添加 http://localhost/*，打开或刷新该网站的页面即可使用');
    expect(await options.getByRole('button', { name: '移除 http://localhost/*' }).count()).toBe(1);

    const notes = options.getByRole('region', { name: '台账需要的权限' });
    for (const name of ['访问台账服务器', '访问您添加的 OA 网站', '当前标签页', '脚本', '存储', '定时', '右键菜单']) {
      expect(await notes.getByRole('term').filter({ hasText: name }).count()).toBe(1);
    }
    await options.close();
  });

  it('is named in Chinese with an English locale, and has a real icon at 16, 32, 48 and 128 px', async () => {
    const read = (file: string) => readFileSync(path.join(testExtensionDir, file));
    const manifest = JSON.parse(read('manifest.json').toString());
    expect(manifest).toMatchObject({ name: '__MSG_extName__', description: '__MSG_extDescription__', default_locale: 'zh_CN' });
    const zh = JSON.parse(read('_locales/zh_CN/messages.json').toString());
    const en = JSON.parse(read('_locales/en/messages.json').toString());
    expect(zh.extName.message).toBe('台账');
    expect(en.extName.message).toMatch(/^Taizhang/);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(manifest.icons).toEqual({ 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' });
    for (const [size, file] of Object.entries(manifest.icons as Record<string, string>)) {
      const png = read(file);
      // PNG signature, then IHDR's width and height.
      expect([png.subarray(1, 4).toString(), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', Number(size), Number(size)]);
    }
    // The browser resolves the name from the locale (this browser runs in English).
    const name = await ext.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome.i18n.getMessage('extName'),
    );
    expect([zh.extName.message, en.extName.message]).toContain(name);
  });
});
