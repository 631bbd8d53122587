/**
 * Clearing an optional field (the private speaker name, a talk's opinion, a study reflection):
 * the cleared value travels as null through the form, the edit, the outbox and the real server,
 * which then holds null, not the old value. Opinion content stays required.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_FIELD_SCHEMAS } from '../../../shared/model/record';
import { editedRecord } from '../../../extension/background/record-edit';
import { toRecordFields } from '../../../extension/sidebar/record-form-spec';
import { validateRecord } from '../../../shared/model/record-check';
import { SyncEngine } from '../../../extension/sync/engine';
import { MemoryKvArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';
import { httpTransport } from '../../../extension/sync/transport';
import { startTestServer, type TestServer } from '../../support/server';

const form = { content: '食堂饭菜偏咸', fromGroup: '学生', channel: '座谈会', category: '后勤服务', heardOn: '2025-06-01', speaker: '张三' };

/** What the sidebar does on save: form → fields, laid over the stored record, checked, stored. */
async function save(store: LocalStore, id: string | null, kind: 'opinion' | 'talk', values: Record<string, string>, campaignId: string) {
  const existing = id ? await store.getRecord(id) : null;
  const whole = editedRecord(existing?.fields ?? null, { ...toRecordFields(kind, values), campaignId, stage: '', page: null });
  expect(validateRecord(whole)).toEqual({});
  return store.saveRecord(id, whole);
}

describe('clearing an optional field', () => {
  let t: TestServer;
  let campaignId: string;
  let token: string;
  beforeEach(async () => {
    t = await startTestServer({ http: true });
    const alice = await t.createUser('艾丽', '后勤处');
    token = alice.token;
    const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '主题教育', template: 'grassroots', memberIds: [alice.user.id] } });
    campaignId = k.body.campaign.id;
  });
  afterEach(() => t.stop());

  const client = () => {
    const store = new LocalStore(new MemoryKvArea());
    const engine = new SyncEngine({ store, transport: httpTransport(async () => ({ serverUrl: t.url, token })) });
    return { store, engine };
  };

  it('a cleared speaker name is removed locally and on the server', async () => {
    const { store, engine } = client();
    const first = await save(store, null, 'opinion', form, campaignId);
    expect(await engine.sync()).toMatchObject({ status: 'synced' });
    expect((await t.store.get('records', first.id))?.fields.speaker).toBe('张三');

    const edited = await save(store, first.id, 'opinion', { ...form, speaker: '  ' }, campaignId);
    expect(edited.fields.speaker).toBeNull();
    expect((await store.outbox()).map((m) => m.fields)).toEqual([{ speaker: null }]);
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    const stored = await t.store.get('records', first.id);
    expect(stored?.fields.speaker).toBeNull();
    expect(stored?.fields.content).toBe('食堂饭菜偏咸');
  });

  it("a talk's opinion and follow-up can be cleared; the server accepts null content for talks", async () => {
    const { store, engine } = client();
    const talk = { counterpart: '李四', talkedOn: '2025-06-02', topics: '思想状况', content: '希望增加自习室', followUp: '已转教务处' };
    const first = await save(store, null, 'talk', talk, campaignId);
    await engine.sync();
    await save(store, first.id, 'talk', { ...talk, content: '', followUp: '' }, campaignId);
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    expect(await store.rejections()).toEqual([]);
    const stored = await t.store.get('records', first.id);
    expect(stored?.fields).toMatchObject({ content: null, followUp: null, topics: '思想状况' });
  });

  it('opinion content stays required: the form refuses to clear it', () => {
    const whole = editedRecord({ kind: 'opinion', ...form, campaignId: 'k1', stage: '' }, toRecordFields('opinion', { ...form, content: '' }));
    expect(validateRecord(whole)).toEqual({ content: '不能为空' });
  });

  it('every field a kind lets be empty accepts null on its own; required ones do not', () => {
    for (const name of ['speaker', 'reflection', 'followUp', 'content', 'page'] as const) {
      expect(RECORD_FIELD_SCHEMAS[name].safeParse(null).success, name).toBe(true);
    }
    for (const name of ['fromGroup', 'topic', 'counterpart', 'heardOn', 'minutes', 'kind', 'campaignId'] as const) {
      expect(RECORD_FIELD_SCHEMAS[name].safeParse(null).success, name).toBe(false);
    }
  });
});
