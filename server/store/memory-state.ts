/**
 * The store's documents in memory: one map per collection, the INDEXES as value → ids maps (with
 * the count and bytes of what each value holds, for quotas), and a seq-ordered change log that
 * pull cursors binary-search. Pure data structure, no I/O.
 *
 * Stored documents are deeply frozen and replaced on write, never changed in place: readers get
 * the stored object itself (no copy per read, which at 100k records was most of a ledger's time),
 * and a snapshot can hold references to "the state as of seq N" while writes go on.
 */
import { INDEXES, type ChangedDoc, type CollectionName, type Collections, type Doc, type Tally, type Where } from './store';
import { setOwn } from '../../shared/own-keys';

export const COLLECTIONS = Object.keys(INDEXES) as CollectionName[];

type AnyDoc = Doc & Record<string, unknown>;
interface SeqEntry {
  seq: number;
  collection: CollectionName;
  id: string;
}

const NULL_KEY = '\u0000null';
const indexKey = (v: unknown): string => (v === null || v === undefined ? NULL_KEY : String(v));

/**
 * A deep copy of plain JSON data: what a caller hands to `put` is copied so they can go on changing
 * their object. A walk over arrays and plain objects is several times cheaper than structuredClone;
 * anything else (a Date, a Map) still goes through structuredClone so nothing is silently flattened.
 */
export const cloneDoc = <T>(doc: T): T => cloneValue(doc) as T;

function cloneValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, cloneValue((value as Record<string, unknown>)[key]));
  return out;
}

/** Freezes a document and everything in it, so no reader can change stored state by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

interface Totals {
  count: number;
  bytes: number;
}

export class MemoryState {
  seq = 0;
  private readonly docs = new Map<CollectionName, Map<string, AnyDoc>>();
  private readonly sizes = new Map<CollectionName, Map<string, number>>();
  private readonly totals = new Map<CollectionName, Totals>();
  /** Per collection, per indexed field, per value: the documents holding it, by id (the documents themselves, so `find` need not look them up). */
  private readonly indexes = new Map<CollectionName, Map<string, Map<string, Map<string, AnyDoc>>>>();
  private readonly indexBytes = new Map<CollectionName, Map<string, Map<string, number>>>();
  private seqLog: SeqEntry[] = [];
  private staleEntries = 0;

  constructor() {
    for (const c of COLLECTIONS) {
      this.docs.set(c, new Map());
      this.sizes.set(c, new Map());
      this.totals.set(c, { count: 0, bytes: 0 });
      this.indexes.set(c, new Map((INDEXES[c] as readonly string[]).map((f) => [f, new Map()])));
      this.indexBytes.set(c, new Map((INDEXES[c] as readonly string[]).map((f) => [f, new Map()])));
    }
  }

  count(c: CollectionName): number {
    return this.docs.get(c)!.size;
  }

  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    return this.docs.get(c)!.get(id) as unknown as Collections[C] | undefined;
  }

  /** The stored size (bytes of its JSON) of a document, 0 if absent. */
  sizeOf(c: CollectionName, id: string): number {
    return this.sizes.get(c)!.get(id) ?? 0;
  }

  find<C extends CollectionName>(c: C, where?: Where<C>): Collections[C][] {
    const docs = this.docs.get(c)!;
    const conditions = Object.entries(where ?? {}) as [string, string | null][];
    if (conditions.length === 0) return [...docs.values()] as unknown as Collections[C][];
    const { field, matching } = this.candidates(c, conditions);
    // The index entry holds exactly the documents with that field's value: only the other conditions are
    // checked (a campaign's 100k records are then gathered in a few milliseconds, not twenty).
    const others = conditions.filter(([f]) => f !== field).map(([f, v]) => [f, indexKey(v)] as const);
    if (others.length === 0) return [...matching.values()] as unknown as Collections[C][];
    const out: Collections[C][] = [];
    for (const doc of matching.values()) if (others.every(([f, key]) => indexKey(doc[f]) === key)) out.push(doc as unknown as Collections[C]);
    return out;
  }

  /** How many documents match, and the bytes they take; O(1) for one indexed field. */
  tally<C extends CollectionName>(c: C, where?: Where<C>): Tally {
    const conditions = Object.entries(where ?? {}) as [string, string | null][];
    if (conditions.length === 0) return { ...this.totals.get(c)! };
    if (conditions.length === 1) {
      const [field, value] = conditions[0]!;
      this.indexOf(c, field);
      const key = indexKey(value);
      return { count: this.indexes.get(c)!.get(field)!.get(key)?.size ?? 0, bytes: this.indexBytes.get(c)!.get(field)!.get(key) ?? 0 };
    }
    let count = 0;
    let bytes = 0;
    for (const doc of this.find(c, where)) {
      count++;
      bytes += this.sizeOf(c, doc.id);
    }
    return { count, bytes };
  }

  /** Stores `doc` as is (frozen, its seq already assigned) and keeps the indexes and change log current. */
  set(c: CollectionName, doc: AnyDoc, bytes: number): void {
    const docs = this.docs.get(c)!;
    const previous = docs.get(doc.id);
    if (previous) this.staleEntries++;
    docs.set(doc.id, doc);
    this.reindex(c, previous, doc, bytes);
    if (doc.seq > this.seq) this.seq = doc.seq;
    const last = this.seqLog[this.seqLog.length - 1];
    if (!last || last.seq < doc.seq) this.seqLog.push({ seq: doc.seq, collection: c, id: doc.id });
    else this.insertOrdered({ seq: doc.seq, collection: c, id: doc.id });
  }

  /**
   * Undo of a `set` that must not stay (a transaction that threw, a write that never reached the
   * disk): the document as it was, back in the maps and the indexes, and findable by its own seq
   * again (a change-log compaction meanwhile may have dropped that entry as superseded).
   */
  restore(c: CollectionName, id: string, previous: AnyDoc | undefined, previousBytes: number): void {
    const docs = this.docs.get(c)!;
    const current = docs.get(id);
    this.staleEntries++;
    if (!previous) {
      if (current) this.unindex(c, current);
      docs.delete(id);
      return;
    }
    docs.set(id, previous);
    this.reindex(c, current, previous, previousBytes);
    for (let i = this.firstAfter(previous.seq - 1); i < this.seqLog.length && this.seqLog[i]!.seq === previous.seq; i++) {
      if (this.seqLog[i]!.id === id && this.seqLog[i]!.collection === c) return;
    }
    this.insertOrdered({ seq: previous.seq, collection: c, id });
  }

  /** Changes with afterSeq < seq <= upToSeq in seq order; only each document's latest change counts. */
  changedSince<C extends CollectionName>(
    collections: readonly C[],
    afterSeq: number,
    upToSeq: number,
    limit: number,
    filter?: (c: ChangedDoc<C>) => boolean,
  ): ChangedDoc<C>[] {
    const wanted = new Set<CollectionName>(collections);
    const out: ChangedDoc<C>[] = [];
    for (let i = this.firstAfter(afterSeq); i < this.seqLog.length && out.length < limit; i++) {
      const entry = this.seqLog[i]!;
      if (entry.seq > upToSeq) break;
      if (!wanted.has(entry.collection)) continue;
      const doc = this.docs.get(entry.collection)!.get(entry.id);
      if (!doc || doc.seq !== entry.seq) continue;
      const change = { collection: entry.collection as C, doc: doc as unknown as Collections[C] };
      if (!filter || filter(change)) out.push(change);
    }
    if (this.staleEntries > 10_000 && this.staleEntries > this.seqLog.length / 2) this.compactSeqLog();
    return out;
  }

  /** Every document, for snapshots: references to the frozen documents as of now. */
  dump(): Record<CollectionName, AnyDoc[]> {
    const out = {} as Record<CollectionName, AnyDoc[]>;
    for (const c of COLLECTIONS) out[c] = [...this.docs.get(c)!.values()];
    return out;
  }

  /** The smallest index entry among the conditions' fields: the documents to look at, all holding that field's value. */
  private candidates(c: CollectionName, conditions: [string, string | null][]): { field: string; matching: ReadonlyMap<string, AnyDoc> } {
    let smallest: { field: string; matching: ReadonlyMap<string, AnyDoc> } | undefined;
    for (const [field, value] of conditions) {
      const matching = this.indexOf(c, field).get(indexKey(value)) ?? new Map<string, AnyDoc>();
      if (!smallest || matching.size < smallest.matching.size) smallest = { field, matching };
    }
    return smallest!;
  }

  private indexOf(c: CollectionName, field: string): Map<string, Map<string, AnyDoc>> {
    const byValue = this.indexes.get(c)!.get(field);
    if (!byValue) throw new Error(`${c}.${field} is not indexed`);
    return byValue;
  }

  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqLog[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertOrdered(entry: SeqEntry): void {
    this.seqLog.splice(this.firstAfter(entry.seq), 0, entry);
  }

  private compactSeqLog(): void {
    this.seqLog = this.seqLog.filter((e) => this.docs.get(e.collection)!.get(e.id)?.seq === e.seq);
    this.staleEntries = 0;
  }

  /**
   * `before` (absent when new) replaced by `after`. A field whose value stays keeps the document's place
   * in that value's id set: `find` by it answers in the order documents were first written (as
   * PostgreSQL's `ord` does), so a campaign's lists do not reshuffle when an item is updated.
   */
  private reindex(c: CollectionName, before: AnyDoc | undefined, after: AnyDoc, bytes: number): void {
    if (!before) {
      this.index(c, after, bytes);
      return;
    }
    const sizes = this.sizes.get(c)!;
    const beforeBytes = sizes.get(before.id) ?? 0;
    sizes.set(after.id, bytes);
    const totals = this.totals.get(c)!;
    totals.bytes += bytes - beforeBytes;
    const sums = this.indexBytes.get(c)!;
    for (const [field, byValue] of this.indexes.get(c)!) {
      const fieldSums = sums.get(field)!;
      const was = indexKey(before[field]);
      const key = indexKey(after[field]);
      if (was === key) {
        // Same value, same place in its entry: only the document there is the new one.
        byValue.get(key)!.set(after.id, after);
        fieldSums.set(key, (fieldSums.get(key) ?? 0) + bytes - beforeBytes);
        continue;
      }
      const old = byValue.get(was);
      old?.delete(before.id);
      const left = (fieldSums.get(was) ?? 0) - beforeBytes;
      if (!old || old.size === 0) {
        byValue.delete(was);
        fieldSums.delete(was);
      } else fieldSums.set(was, left);
      let ids = byValue.get(key);
      if (!ids) byValue.set(key, (ids = new Map()));
      ids.set(after.id, after);
      fieldSums.set(key, (fieldSums.get(key) ?? 0) + bytes);
    }
  }

  private index(c: CollectionName, doc: AnyDoc, bytes: number): void {
    this.sizes.get(c)!.set(doc.id, bytes);
    const totals = this.totals.get(c)!;
    totals.count++;
    totals.bytes += bytes;
    const sums = this.indexBytes.get(c)!;
    for (const [field, byValue] of this.indexes.get(c)!) {
      const key = indexKey(doc[field]);
      let ids = byValue.get(key);
      if (!ids) byValue.set(key, (ids = new Map()));
      ids.set(doc.id, doc);
      const fieldSums = sums.get(field)!;
      fieldSums.set(key, (fieldSums.get(key) ?? 0) + bytes);
    }
  }

  private unindex(c: CollectionName, doc: AnyDoc): void {
    const bytes = this.sizes.get(c)!.get(doc.id) ?? 0;
    this.sizes.get(c)!.delete(doc.id);
    const totals = this.totals.get(c)!;
    totals.count--;
    totals.bytes -= bytes;
    const sums = this.indexBytes.get(c)!;
    for (const [field, byValue] of this.indexes.get(c)!) {
      const key = indexKey(doc[field]);
      const ids = byValue.get(key);
      ids?.delete(doc.id);
      if (ids?.size === 0) byValue.delete(key);
      const fieldSums = sums.get(field)!;
      const left = (fieldSums.get(key) ?? 0) - bytes;
      if (left <= 0 || !ids || ids.size === 0) fieldSums.delete(key);
      else fieldSums.set(key, left);
    }
  }
}
