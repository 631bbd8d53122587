// @vitest-environment happy-dom
/**
 * 佐证材料 files on the sidebar's task card (TaskList.tsx, task-view.ts): each task lists its files
 * by name, “上传佐证材料” sends the chosen file to the background (base64: runtime messages carry
 * JSON), a file too large never leaves the sidebar, the server's refusal is shown as it says it,
 * and a closed task lists its files without an upload.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { bytesOfBase64 } from '../../../extension/background/evidence-files';
import { TaskList } from '../../../extension/sidebar/components/TaskList';
import { base64Of, evidenceFileProblem } from '../../../extension/sidebar/task-view';
import { EVIDENCE_MAX_BYTES, type EvidenceFile } from '../../../shared/model/evidence-file';
import type { MyTask, MyTasks } from '../../../shared/model/my-tasks';
import { answerAsBackground } from './fake-background';
import { myTask } from './fixtures';

const task = (id: string, over: Partial<MyTask>): MyTask => myTask(id, { status: 'in_progress', target: '', ...over });

const myTasks: MyTasks = {
  today: '2026-03-02',
  tasks: [task('i1', { title: '食堂排队整改' }), task('i2', { title: '校园照明', status: 'closed' })],
  campaigns: [],
};

const file = (id: string, itemId: string, name: string, size = 2048): EvidenceFile => ({
  id,
  campaignId: 'k1',
  itemId,
  name,
  type: 'pdf',
  size,
  sha256: 'a'.repeat(64),
  uploadedBy: 'u1',
  createdAt: '2026-03-01T08:00:00.000Z',
});

const card = (title: string) => screen.getAllByTestId('tz-task').find((r) => r.textContent?.includes(title))!;
const names = (title: string) =>
  within(card(title))
    .queryAllByTestId('tz-task-file')
    .map((li) => li.textContent);

/** Picks `chosen` in the card's file input, as a person would. */
function choose(title: string, chosen: File | { name: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }) {
  const input = within(card(title)).getByTestId('tz-task-upload') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [chosen], configurable: true });
  fireEvent.change(input);
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('佐证材料 files on a task card', () => {
  it('lists each task’s files by name and size; a closed task has no upload', async () => {
    const asked = answerAsBackground({
      'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }),
      'evidence:list': (m) => ({ ok: true, value: m.itemId === 'i2' ? [file('f2', 'i2', '验收单.pdf', 3 * 1024 * 1024)] : [] }),
    });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(names('校园照明')).toEqual(['验收单.pdf （3.0 MB）']));
    expect(within(card('食堂排队')).getByTestId('tz-task-files-empty').textContent).toBe('暂无');
    expect(within(card('食堂排队')).getByLabelText('上传佐证材料')).toBeTruthy();
    expect(within(card('校园照明')).queryByTestId('tz-task-upload')).toBeNull();
    expect(asked.filter((m) => m.type === 'evidence:list')).toEqual(
      expect.arrayContaining([
        { type: 'evidence:list', campaignId: 'k1', itemId: 'i1' },
        { type: 'evidence:list', campaignId: 'k1', itemId: 'i2' },
      ]),
    );
  });

  it('uploads the chosen file through the background and lists it', async () => {
    const asked = answerAsBackground({
      'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }),
      'evidence:list': () => ({ ok: true, value: [] }),
      'evidence:upload': (m) => ({ ok: true, value: file('f9', m.itemId, m.name, bytesOfBase64(m.base64).byteLength) }),
    });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => within(card('食堂排队')).getByTestId('tz-task-upload'));
    const bytes = new TextEncoder().encode('%PDF-1.4 整改报告');
    choose('食堂排队', new File([bytes], '整改报告.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(names('食堂排队')).toEqual([`整改报告.pdf （${bytes.length} 字节）`]));
    expect(within(card('食堂排队')).getByTestId('tz-task-upload-status').textContent).toBe('已上传 整改报告.pdf');
    const sent = asked.find((m) => m.type === 'evidence:upload') as Extract<(typeof asked)[number], { type: 'evidence:upload' }>;
    expect(sent).toMatchObject({ campaignId: 'k1', itemId: 'i1', name: '整改报告.pdf' });
    expect(new TextDecoder().decode(bytesOfBase64(sent.base64))).toBe('%PDF-1.4 整改报告');
  });

  it('keeps a file over 20 MB in the sidebar, and shows the server’s refusal as it says it', async () => {
    const asked = answerAsBackground({
      'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }),
      'evidence:list': () => ({ ok: true, value: [] }),
      'evidence:upload': () => ({
        ok: false,
        message: '服务器返回错误：不支持这种文件：可上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件，每个不超过 20 MB',
      }),
    });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => within(card('食堂排队')).getByTestId('tz-task-upload'));
    choose('食堂排队', { name: '录像.pdf', size: EVIDENCE_MAX_BYTES + 1, arrayBuffer: async () => new ArrayBuffer(0) });
    await waitFor(() => expect(within(card('食堂排队')).getByTestId('tz-task-upload-status').textContent).toMatch(/^文件过大（20\.0 MB）：.*20 MB/));
    expect(asked.some((m) => m.type === 'evidence:upload')).toBe(false);

    choose('食堂排队', new File([new Uint8Array([0x4d, 0x5a, 0x90])], '报告.pdf'));
    await waitFor(() => expect(within(card('食堂排队')).getByTestId('tz-task-upload-status').textContent).toMatch(/不支持这种文件/));
    expect(within(card('食堂排队')).getByTestId('tz-task-upload-status').className).toBe('error');
    expect(names('食堂排队')).toEqual([]);
  });
});

describe('task-view helpers', () => {
  it('base64 round-trips any bytes, in slices', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(bytesOfBase64(base64Of(bytes))).toEqual(bytes);
  });

  it('says why a file cannot go before it is read', () => {
    expect(evidenceFileProblem({ size: 0 })).toMatch(/空的/);
    expect(evidenceFileProblem({ size: EVIDENCE_MAX_BYTES })).toBeNull();
    expect(evidenceFileProblem({ size: EVIDENCE_MAX_BYTES + 1 })).toMatch(/文件过大/);
  });
});
