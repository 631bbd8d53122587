/**
 * The exports that stream read a campaign's records, items and files from the store a batch at a time
 * (`Store.scan`), never whole (`find`): here `find` of those collections is refused while exporting, and
 * every batch the app is handed is counted. Runs on the embedded store (http project) and on PostgreSQL
 * (postgres project). The 意见建议汇总表, the summary .docx and a 问题清单 quoting merged opinions read
 * the opinion grouping, which needs every opinion (server/export/README.md): they are not in the list.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/export/csv-reader';
import type { CollectionName, Store } from '../../server/store/store';
import { seedExportCampaign, type ExportCampaign } from '../support/export-campaign';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord } from './lists-support';

/** The collections that grow with a campaign: an export must not read one of them whole. */
const GROWING: readonly CollectionName[] = ['records', 'items', 'files'];
const BATCH = 7;

interface Watch {
  /** While armed, `find` of a growing collection fails the request that asked. */
  armed: boolean;
  /** While set, scans of records fail too: nothing may read the campaign's records at all. */
  noRecordScans?: boolean;
  /** What `find` refuses while armed (default: every growing collection). */
  refuse?: readonly CollectionName[];
  /** The largest batch the app was handed at once, and how many documents it read in batches. */
  largestBatch: number;
  scanned: number;
}

function guarded(store: Store, watch: Watch): Store {
  return {
    get: (c, id) => store.get(c, id),
    tally: (c, where) => store.tally(c, where),
    async find(c, where) {
      if (watch.armed && (watch.refuse ?? GROWING).includes(c)) throw new Error(`一次读取了整个 ${c}（find）`);
      return store.find(c, where);
    },
    async *scan(c, where) {
      if (watch.noRecordScans && c === 'records') throw new Error('读取了活动的全部记录');
      // Small batches, so every export here crosses many batch boundaries.
      for await (const batch of store.scan(c, where, { batchSize: BATCH })) {
        watch.largestBatch = Math.max(watch.largestBatch, batch.length);
        watch.scanned += batch.length;
        yield batch;
      }
    },
    meta: () => store.meta(),
    changedSince: (cs, after, limit, filter) => store.changedSince(cs, after, limit, filter),
    transact: (fn) => store.transact(fn),
    putBlob: (data) => store.putBlob(data),
    getBlob: (sha) => store.getBlob(sha),
    close: () => store.close(),
  };
}

/** The export files that stream, in both formats. */
const STREAMED = ['tasks', 'effects', 'study', 'study-sessions', 'talks'].flatMap((l) => [`${l}.csv`, `${l}.xlsx`]);

describe('exports read the campaign a batch at a time', () => {
  let t: TestServer;
  let campaign: ExportCampaign;
  const watch: Watch = { armed: false, largestBatch: 0, scanned: 0 };

  beforeEach(async () => {
    Object.assign(watch, { armed: false, refuse: undefined, largestBatch: 0, scanned: 0 });
    t = await startTestServer({ wrapStore: (s) => guarded(s, watch) });
    campaign = await seedExportCampaign(t, { tasks: 20 });
  });
  afterEach(async () => {
    await t.stop();
  });

  it.each(STREAMED)('%s: answered with find of records, items and files refused, from batches of at most the scan size', async (file) => {
    const before = await campaign.download(file);
    Object.assign(watch, { armed: true, largestBatch: 0, scanned: 0 });
    const streamed = await campaign.download(file);
    expect(watch.scanned).toBeGreaterThan(BATCH);
    expect(watch.largestBatch).toBeLessThanOrEqual(BATCH);
    if (file.endsWith('.csv')) expect(streamed.toString('utf8')).toBe(before.toString('utf8'));
    else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(streamed as never);
      expect(wb.worksheets.length).toBeGreaterThan(0);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(4);
    }
  });

  it('the 任务清单 streams in creation order, every task once, each status part a read of its own', async () => {
    watch.armed = true;
    const rows = parseCsv((await campaign.download('tasks.csv')).toString('utf8'));
    expect(rows.slice(3).map((r) => r[2])).toEqual(campaign.taskTitles);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await campaign.download('tasks.xlsx')) as never);
    // The whole list, then 新增 / 推进落实中 / 已办结销号: every task in exactly one part.
    const titlesOf = (ws: ExcelJS.Worksheet) =>
      ws
        .getSheetValues()
        .slice(4)
        .map((r) => (r as ExcelJS.CellValue[] | undefined)?.[3])
        .filter((v): v is string => typeof v === 'string' && v.startsWith('（'));
    const [whole, ...parts] = wb.worksheets;
    expect(titlesOf(whole!)).toEqual(campaign.taskTitles);
    expect(parts.flatMap(titlesOf).sort()).toEqual([...campaign.taskTitles].sort());
  });

  it('the summary figures (GET figures, the console overview) count the records a batch at a time', async () => {
    const before = (await t.api('GET', `/api/v1/campaigns/${campaign.campaignId}/figures`)).body;
    // The office's lists (items) are read whole by the overview; the records never are.
    Object.assign(watch, { armed: true, refuse: ['records'], largestBatch: 0, scanned: 0 });
    const res = await t.api('GET', `/api/v1/campaigns/${campaign.campaignId}/figures`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before);
    expect(res.body.figures.study.sessions).toBeGreaterThan(0);
    expect(watch.largestBatch).toBeLessThanOrEqual(BATCH);
  });

  it('a 问题清单 of problems found by 查摆 (no opinion quoted) streams too', async () => {
    const { id } = await createCampaign(t, { title: '查摆问题' });
    for (let i = 0; i < 10; i++) {
      const res = await t.api('POST', `/api/v1/campaigns/${id}/items`, {
        body: { list: 'problem', title: `查摆问题 ${i}`, description: '会议多、文件多', category: '', sourceItemIds: [] },
      });
      expect(res.status).toBe(201);
    }
    Object.assign(watch, { armed: true, largestBatch: 0, scanned: 0 });
    for (const file of ['problems.csv', 'problems.xlsx']) {
      const res = await t.fetch(`${t.url}/api/v1/campaigns/${id}/export/${file}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status, file).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      if (file.endsWith('.csv'))
        expect(
          parseCsv(body.toString('utf8'))
            .slice(3)
            .map((r) => r[1]),
        ).toEqual(Array.from({ length: 10 }, (_, i) => `查摆问题 ${i}`));
    }
    expect(watch.largestBatch).toBeLessThanOrEqual(BATCH);
  });
});

describe('the opinion grouping', () => {
  it('is answered again without reading the campaign records while nothing changed, and made again after a change', async () => {
    const watch: Watch = { armed: false, largestBatch: 0, scanned: 0 };
    const t = await startTestServer({ wrapStore: (s) => guarded(s, watch) });
    try {
      const { id } = await createCampaign(t);
      const m = await addMember(t, id, '李老师');
      await pushRecord(t, m, opinion(id, '食堂排队时间太长'));
      await pushRecord(t, m, { campaignId: id, kind: 'study', topic: '专题学习', mode: '自学', studiedOn: '2024-06-01', minutes: 30 });
      const contents = async () => (await t.api('GET', `/api/v1/campaigns/${id}/opinions`)).body.items.map((i: { content: string }) => i.content);
      expect(await contents()).toEqual(['食堂排队时间太长']);

      // Current: the change feed says nothing changed in this campaign, so no record is read.
      Object.assign(watch, { armed: true, noRecordScans: true });
      expect(await contents()).toEqual(['食堂排队时间太长']);
      // Another campaign's write does not make it stale either.
      const other = await createCampaign(t, { title: '另一个活动' });
      const n = await addMember(t, other.id, '王老师');
      await pushRecord(t, n, opinion(other.id, '图书馆座位不够'));
      expect(await contents()).toEqual(['食堂排队时间太长']);

      // A new opinion in the campaign: grouped again, from its records read in batches.
      await pushRecord(t, m, opinion(id, '宿舍热水不稳定'));
      watch.noRecordScans = false;
      expect((await contents()).sort()).toEqual(['宿舍热水不稳定', '食堂排队时间太长'].sort());
      expect(watch.largestBatch).toBeLessThanOrEqual(BATCH);
    } finally {
      await t.stop();
    }
  });
});
