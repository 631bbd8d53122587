/**
 * 佐证材料 files from the sidebar in real Chromium with the built extension: the member picks a file
 * on their task card (“上传佐证材料”), the background uploads it with the token the sidebar never
 * holds, the card lists it by name, and the server has it, judged by content. A renamed executable
 * is refused with the server's words and stored nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser';
import { pngBytes } from '../support/evidence-files';
import { type MemberScene, memberScene, openFromLauncher, poll } from './extension-harness';

describe.skipIf(!browserAvailable())('佐证材料 files from the sidebar', () => {
  let scene: MemberScene;
  let taskId: string;

  beforeAll(async () => {
    scene = await memberScene({ name: '周敏', unit: '化学学院' }, { title: '主题教育', template: 'mass-line' });
    const { server, campaignId, memberId } = scene;
    const problem = await server.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '实验室安全台账不全' } });
    const task = await server.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: {
        list: 'task',
        title: '补齐实验室安全台账',
        sourceItemIds: [problem.body.item.id],
        assigneeId: memberId,
        responsibleLeader: '张书记',
        responsibleUnit: '化学学院',
        target: '台账齐全',
        deadline: '2030-06-30',
      },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    taskId = task.body.item.id;
  });
  afterAll(() => scene?.close());

  it('uploads a picture from the task card through the background, lists it by name, and shows a refusal as the server words it', async () => {
    const page = await scene.ext.context.newPage();
    await page.goto(scene.pageOf('landray-review.html'));
    const frame = await openFromLauncher(page);
    await frame.getByTestId('tz-tab-tasks').click();
    const card = frame.getByTestId('tz-task').first();
    await card.waitFor();
    await poll(() => card.getByTestId('tz-task-files-empty').textContent()).toBe('暂无');

    // A PNG named .jpg: the server goes by the bytes and keeps the real extension.
    await card.getByLabel('上传佐证材料').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: pngBytes() });
    await poll(() => card.getByTestId('tz-task-file').allTextContents()).toEqual([`现场照片.jpg.png （${pngBytes().length} 字节）`]);
    const stored = await scene.server.store.find('files', { itemId: taskId });
    expect(stored.map((f) => [f.name, f.type, f.uploadedBy])).toEqual([['现场照片.jpg.png', 'png', scene.memberId]]);

    await card
      .getByLabel('上传佐证材料')
      .setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]) });
    await poll(() => card.getByTestId('tz-task-upload-status').textContent()).toMatch(/不支持这种文件.*PDF、JPG、PNG/);
    expect(await scene.server.store.find('files', { itemId: taskId })).toHaveLength(1);

    // Opened again, the card reads its files from the server.
    await page.reload();
    const again = await openFromLauncher(page);
    await again.getByTestId('tz-tab-tasks').click();
    await poll(() => again.getByTestId('tz-task-file').allTextContents()).toEqual([`现场照片.jpg.png （${pngBytes().length} 字节）`]);
    await page.close();
  });
});
