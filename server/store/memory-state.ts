/**
 * The store's documents in memory: one map per collection, the INDEXES as value → ids maps, and a
 * seq-ordered change log that pull cursors binary-search. Pure data structure, no I/O.
 */
import { INDEXES, type ChangedDoc, type CollectionName, type Collections, type Doc, type Where } from './store';
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
 * Documents are copied on the way in and out so no caller can change stored state behind the store's back.
 * Stored documents are plain JSON (they round-trip through the log), so a walk over arrays and plain
 * objects copies them; it is several times cheaper than structuredClone, which was a visible share of
 * a push. Anything else (a Date, a Map) still goes through structuredClone so nothing is silently flattened.
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

export class MemoryState {
  seq = 0;
  private readonly docs = new Map<CollectionName, Map<string, AnyDoc>>();
  private readonly indexes = new Map<CollectionName, Map<string, Map<string, Set<string>>>>();
  private seqLog: SeqEntry[] = [];
  private staleEntries = 0;

  constructor() {
    for (const c of COLLECTIONS) {
      this.docs.set(c, new Map());
      this.indexes.set(c, new Map((INDEXES[c] as readonly string[]).map((f) => [f, new Map()])));
    }
  }

  count(c: CollectionName): number {
    return this.docs.get(c)!.size;
  }

  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    return this.docs.get(c)!.get(id) as unknown as Collections[C] | undefined;
  }

  find<C extends CollectionName>(c: C, where?: Where<C>): Collections[C][] {
    const docs = this.docs.get(c)!;
    const conditions = Object.entries(where ?? {}) as [string, string | null][];
    if (conditions.length === 0) return [...docs.values()] as unknown as Collections[C][];
    const index = this.indexes.get(c)!;
    let smallest: Set<string> | undefined;
    for (const [field, value] of conditions) {
      const byValue = index.get(field);
      if (!byValue) throw new Error(`${c}.${field} is not indexed`);
      const ids = byValue.get(indexKey(value)) ?? new Set<string>();
      if (!smallest || ids.size < smallest.size) smallest = ids;
    }
    const out: Collections[C][] = [];
    for (const id of smallest!) {
      const doc = docs.get(id)!;
      if (conditions.every(([f, v]) => indexKey(doc[f]) === indexKey(v))) out.push(doc as unknown as Collections[C]);
    }
    return out;
  }

  /** Stores `doc` as is (its seq already assigned) and keeps the indexes and change log current. */
  set(c: CollectionName, doc: AnyDoc): void {
    const docs = this.docs.get(c)!;
    const previous = docs.get(doc.id);
    if (previous) {
      this.unindex(c, previous);
      this.staleEntries++;
    }
    docs.set(doc.id, doc);
    this.index(c, doc);
    if (doc.seq > this.seq) this.seq = doc.seq;
    const last = this.seqLog[this.seqLog.length - 1];
    if (!last || last.seq < doc.seq) this.seqLog.push({ seq: doc.seq, collection: c, id: doc.id });
    else this.insertOrdered({ seq: doc.seq, collection: c, id: doc.id });
  }

  /** Undo of a `set` inside a failed transaction: put back what was there before. */
  restore(c: CollectionName, id: string, previous: AnyDoc | undefined): void {
    const docs = this.docs.get(c)!;
    const current = docs.get(id);
    if (current) this.unindex(c, current);
    this.staleEntries++;
    if (previous) {
      docs.set(id, previous);
      this.index(c, previous);
    } else docs.delete(id);
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

  /** Every document, for snapshots. */
  dump(): Record<CollectionName, AnyDoc[]> {
    const out = {} as Record<CollectionName, AnyDoc[]>;
    for (const c of COLLECTIONS) out[c] = [...this.docs.get(c)!.values()];
    return out;
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

  private index(c: CollectionName, doc: AnyDoc): void {
    for (const [field, byValue] of this.indexes.get(c)!) {
      const key = indexKey(doc[field]);
      let ids = byValue.get(key);
      if (!ids) byValue.set(key, (ids = new Set()));
      ids.add(doc.id);
    }
  }

  private unindex(c: CollectionName, doc: AnyDoc): void {
    for (const [field, byValue] of this.indexes.get(c)!) {
      const key = indexKey(doc[field]);
      const ids = byValue.get(key);
      ids?.delete(doc.id);
      if (ids?.size === 0) byValue.delete(key);
    }
  }
}
