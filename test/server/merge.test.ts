import { describe, expect, it } from 'vitest';
import { mergeFields, mergeStates } from '../../shared/sync/merge';
import { Rng } from '../support/random';
import { cloneDoc } from '../../server/store/memory-state';

const s = (ms: number, node = 'c1') => `${String(ms).padStart(13, '0')}-0000-${node}`;

describe('per-field last-writer-wins', () => {
  it('a write wins field by field only where its stamp is newer', () => {
    const base = { fields: { content: '旧', category: '后勤服务' }, stamps: { content: s(10), category: s(30) } };
    const r = mergeFields(base, { content: '新', category: '校园安全', speaker: null }, s(20));
    expect(r.fields).toEqual({ content: '新', category: '后勤服务', speaker: null });
    expect(r.changed.sort()).toEqual(['content', 'speaker']);
  });

  it('applying the same write twice changes nothing the second time', () => {
    const once = mergeFields({ fields: {}, stamps: {} }, { content: 'a' }, s(5));
    const twice = mergeFields(once, { content: 'a' }, s(5));
    expect(twice.changed).toEqual([]);
    expect(twice.fields).toEqual(once.fields);
  });

  it('any order of the same writes gives the same state (seeded permutations)', () => {
    const rng = new Rng(99);
    const writes = Array.from({ length: 30 }, (_, i) => ({ stamp: s(rng.int(20), `c${rng.int(3)}`), fields: { [rng.pick(['a', 'b', 'c'])]: i } }));
    const apply = (order: typeof writes) =>
      order.reduce((st, w) => mergeFields(st, w.fields, w.stamp), { fields: {}, stamps: {} } as {
        fields: Record<string, unknown>;
        stamps: Record<string, string>;
      });
    const reference = apply(writes);
    for (let k = 0; k < 20; k++) {
      const r = apply(rng.shuffle([...writes]));
      expect({ fields: r.fields, stamps: r.stamps }).toEqual({ fields: reference.fields, stamps: reference.stamps });
    }
  });

  it('merging two states is symmetric', () => {
    const a = { fields: { x: 1, y: 2 }, stamps: { x: s(5), y: s(9) } };
    const b = { fields: { x: 3, z: 4 }, stamps: { x: s(7), z: s(1) } };
    expect(mergeStates(a, b)).toEqual(mergeStates(b, a));
    expect(mergeStates(a, b).fields).toEqual({ x: 3, y: 2, z: 4 });
  });

  it('field names that are Object.prototype names are data, never the prototype', () => {
    const write = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "toString": "t"}') as Record<string, unknown>;
    const r = mergeFields({ fields: {}, stamps: {} }, write, s(5));
    expect(Object.keys(r.fields).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(r.fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An older write to "constructor" loses to the stored one instead of reading Object's own constructor as a stamp.
    expect(mergeFields(r, { constructor: 'older' }, s(4)).changed).toEqual([]);
  });
});

describe('store documents', () => {
  it('keep a nested "__proto__" key as data when copied', () => {
    const doc = JSON.parse('{"id": "r1", "fields": {"extra": {"__proto__": {"x": 1}, "y": 2}}}') as { fields: { extra: Record<string, unknown> } };
    const copy = cloneDoc(doc);
    expect(Object.keys(copy.fields.extra).sort()).toEqual(['__proto__', 'y']);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(doc));
  });
});
