/**
 * The sidebar and the options page by keyboard alone, and checked by axe-core (issue 14): every
 * action reachable with Tab, Enter and Esc with a visible focus ring, and no serious or critical
 * accessibility violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, type ExtensionBrowser } from '../support/browser';
import type { TestServer } from '../support/server';
import { openFromLauncher, poll, sidebar, toggleFromBackground, memberScene, type MemberScene } from './extension-harness';

/** Serious and critical violations, each as `rule: target (summary)`. */
async function seriousViolations(builder: AxeBuilder): Promise<string[]> {
  const { violations } = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
}

/**
 * The focused element (in the sidebar frame, or in the page itself): its test id or tag, and whether a
 * focus ring is drawn. A date field's calendar button is a part of the field the browser rings itself.
 */
async function focused(page: Page, inSidebar = true): Promise<{ id: string; ring: boolean }> {
  const body = inSidebar ? sidebar(page).locator('body') : page.locator('body');
  return body.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { id: '(nothing)', ring: false };
    const s = getComputedStyle(e);
    const ownPart = e instanceof HTMLInputElement && e.type === 'date' && !e.matches(':focus');
    return {
      id: e.getAttribute('data-testid') ?? e.tagName.toLowerCase(),
      ring: ownPart || (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2),
    };
  });
}

/** Presses Tab until `testId` has the focus; every element passed on the way shows a focus ring. */
async function tabTo(page: Page, testId: string, inSidebar = true): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page, inSidebar);
    if (!now.ring) throw new Error(`no visible focus on ${now.id} (after ${passed.join(' → ')})`);
    if (now.id === testId) return;
    passed.push(now.id);
  }
  throw new Error(`Tab never reached ${testId}: ${passed.join(' → ')}`);
}

describe.skipIf(!browserAvailable())('keyboard and accessibility', () => {
  let server: TestServer;
  let ext: ExtensionBrowser;
  let campaignId: string;
  let memberId: string;

  let scene: MemberScene;

  beforeAll(async () => {
    scene = await memberScene({ name: '何静', unit: '外国语学院' }, { title: '主题教育', template: 'mass-line' });
    ({ server, ext, memberId, campaignId } = scene);
    await server.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: { list: 'problem', title: '语音室设备老化', description: '', responsibleUnit: '外国语学院', assigneeId: memberId, deadline: '2020-01-31' },
    });
  });

  afterAll(() => scene?.close());

  const pageOf = (file: string) => scene.pageOf(file);

  // axe runs in every frame of the OA page for each tab: slow on a loaded two-core machine.
  it('axe finds nothing serious in the sidebar (each tab) or the options page', { timeout: 120_000 }, async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('landray-review.html'));
    const frame = await openFromLauncher(page);
    await frame.getByTestId('tz-sync-state').click();
    const found: string[] = [];
    for (const tab of ['opinion', 'study', 'talk', 'records', 'tasks']) {
      await frame.getByTestId(`tz-tab-${tab}`).click();
      if (tab === 'tasks') await poll(() => frame.getByTestId('tz-task').count()).toBe(1);
      found.push(...(await seriousViolations(new AxeBuilder({ page }).include('taizhang-root'))).map((v) => `${tab} ${v}`));
    }
    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    await options.getByTestId('tz-opt-connected').waitFor();
    found.push(...(await seriousViolations(new AxeBuilder({ page: options }))).map((v) => `options ${v}`));
    expect(found).toEqual([]);
    await options.close();
    await page.close();
  });

  it('the sidebar by keyboard: fill and save an opinion, report progress on a task, close with Esc', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('tongda-notify.html'));
    // The shortcut (Alt+Shift+T) opens it with the cursor in the first field.
    await toggleFromBackground(ext, page);
    const frame = sidebar(page);
    await frame.getByTestId('tz-form-opinion').waitFor();
    await poll(() => focused(page).then((f) => f.id)).toBe('tz-field-content');
    await page.keyboard.type('机房空调夜间不开');
    for (const name of ['fromGroup', 'channel', 'category']) {
      await tabTo(page, `tz-field-${name}`);
      await page.keyboard.press('ArrowDown');
    }
    expect(await frame.getByTestId('tz-field-category').inputValue()).not.toBe('');
    await tabTo(page, 'tz-save');
    await page.keyboard.press('Enter');
    await poll(() => frame.getByTestId('tz-notice').textContent()).toBe('意见建议已保存');
    // 下一条: straight back in 内容.
    await poll(() => focused(page).then((f) => f.id)).toBe('tz-field-content');

    // The tabs are buttons: Shift+Tab back up to them, Enter opens 我的任务.
    for (let i = 0; i < 10 && (await focused(page)).id !== 'tz-tab-tasks'; i++) await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toEqual({ id: 'tz-tab-tasks', ring: true });
    await page.keyboard.press('Enter');
    await frame.getByTestId('tz-task').first().waitFor();
    await tabTo(page, 'tz-task-progress');
    await page.keyboard.type('已报修两次');
    await tabTo(page, 'tz-task-save');
    await page.keyboard.press('Enter');
    await poll(() => frame.getByTestId('tz-task').first().locator('[role=status]').textContent()).toMatch(/^已保存/);

    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('tz-root').getAttribute('data-open')).not.toBe('true');
    await page.close();
  });

  it('the options page by keyboard: address, token and Enter connect, with the focus always visible', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    await options.getByTestId('tz-opt-connected').waitFor();
    await tabTo(options, 'tz-opt-server', false);
    await options.keyboard.press('Control+A');
    await options.keyboard.type(server.url);
    await tabTo(options, 'tz-opt-test', false);
    await options.keyboard.press('Enter');
    await poll(() => options.getByTestId('tz-opt-status').getAttribute('data-ok')).toBe('true');
    await tabTo(options, 'tz-opt-site-input', false);
    await options.close();
  });
});
