/**
 * The in-memory state's indexes hold the documents themselves (so `find` by one field is a copy of an
 * index entry, not a lookup per id): they must follow every replacement, move and undo exactly.
 */
import { describe, expect, it } from 'vitest';
import { MemoryState } from './memory-state';
import type { RecordDoc } from './store';

let seq = 0;
type StoredDoc = Parameters<MemoryState['set']>[1];

const record = (id: string, campaignId: string, content: string, ownerId = 'u-1'): StoredDoc =>
  Object.freeze({
    id,
    seq: ++seq,
    ownerId,
    campaignId,
    fields: { campaignId, kind: 'opinion', content },
    stamps: {},
    createdAt: '2025-06-01T00:00:00.000Z',
    updatedAt: '2025-06-01T00:00:00.000Z',
  }) satisfies RecordDoc as unknown as StoredDoc;

const contents = (docs: readonly RecordDoc[]) => docs.map((d) => `${d.id}:${d.fields.content}`);

describe('memory state indexes', () => {
  it('find by a field answers the latest version of each document, in the order they were first written', () => {
    const state = new MemoryState();
    state.set('records', record('a', 'k1', '一'), 10);
    state.set('records', record('b', 'k1', '二'), 10);
    state.set('records', record('c', 'k2', '三'), 10);
    state.set('records', record('a', 'k1', '一改'), 12);
    expect(contents(state.find('records', { campaignId: 'k1' }))).toEqual(['a:一改', 'b:二']);
    expect(state.tally('records', { campaignId: 'k1' })).toEqual({ count: 2, bytes: 22 });
  });

  it('a document moved to another value leaves the old entry and joins the new one', () => {
    const state = new MemoryState();
    state.set('records', record('a', 'k1', '一'), 10);
    state.set('records', record('b', 'k1', '二'), 10);
    state.set('records', record('a', 'k2', '一'), 10);
    expect(contents(state.find('records', { campaignId: 'k1' }))).toEqual(['b:二']);
    expect(contents(state.find('records', { campaignId: 'k2' }))).toEqual(['a:一']);
  });

  it('two conditions check the one not used to pick the candidates', () => {
    const state = new MemoryState();
    state.set('records', record('a', 'k1', '一', 'u-1'), 10);
    state.set('records', record('b', 'k1', '二', 'u-2'), 10);
    state.set('records', record('c', 'k2', '三', 'u-2'), 10);
    expect(contents(state.find('records', { campaignId: 'k1', ownerId: 'u-2' }))).toEqual(['b:二']);
    expect(state.find('records', { campaignId: 'k3', ownerId: 'u-2' })).toEqual([]);
  });

  it('an undone write puts the previous document back in its index entries; an undone insert removes it', () => {
    const state = new MemoryState();
    const first = record('a', 'k1', '一');
    state.set('records', first, 10);
    state.set('records', record('a', 'k1', '一改'), 12);
    state.restore('records', 'a', first, 10);
    expect(contents(state.find('records', { campaignId: 'k1' }))).toEqual(['a:一']);

    state.set('records', record('a', 'k2', '移走'), 10);
    state.restore('records', 'a', first, 10);
    expect(contents(state.find('records', { campaignId: 'k1' }))).toEqual(['a:一']);
    expect(state.find('records', { campaignId: 'k2' })).toEqual([]);

    state.set('records', record('n', 'k1', '新'), 10);
    state.restore('records', 'n', undefined, 0);
    expect(contents(state.find('records', { campaignId: 'k1' }))).toEqual(['a:一']);
  });
});
