/**
 * Every key the extension keeps in `browser.storage`, with the type of its value and whose it is.
 * `user` values belong to the signed-in user on one server: they go, all in one call, when another
 * user or server connects (user-data.ts `forgetUserData`). `install` values belong to this browser
 * profile and stay. Every read and write goes through typed-area.ts, checked against this table:
 * a key not declared here, or a value of another shape (stored-shapes.ts), does not compile.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { MyTasks } from '../../shared/model/my-tasks';
import type { SiteRule } from '../../shared/model/site-rule-shape';
import type { RecordKind } from '../../shared/model/vocabulary';
import type {
  Draft,
  FormMemory,
  LocalItem,
  LocalRecord,
  MeCache,
  OutboxMutation,
  OwnedValue,
  Rejection,
  Settings,
  SidebarGrants,
  SyncMeta,
  SyncState,
} from './stored-shapes';

export type Scope = 'user' | 'install';

/** A key's declaration: its scope at run time, its value type for the compiler only. */
export interface Declared<T> {
  readonly scope: Scope;
  /** Never set: carries the value type. */
  readonly value?: T;
}

const declare = <T>(scope: Scope): Declared<T> => ({ scope });

/** `browser.storage.local`, one key each. */
export const LOCAL_KEYS = {
  /** Server address and token (options page). */
  settings: declare<Settings>('install'),
  /** OA sites the user added (options page); the launcher is registered there. */
  oaSites: declare<string[]>('install'),
  /** Rules this profile's user taught for reading OA sites (从页面选取); the campaigns' shared ones come with the campaigns. */
  siteRules: declare<SiteRule[]>('install'),
  /** The last `/me` answer: who I am, my campaigns, the server's zone. */
  me: declare<MeCache>('user'),
  /** What the last sync did, published by the background for the badge and the sidebar. */
  syncState: declare<SyncState>('user'),
  /** The last `/me/tasks` answer, for showing offline; background only. */
  tasksCache: declare<OwnedValue<MyTasks>>('user'),
  // The local store (sync/local-store.ts), written by the background only.
  /** Client id, owner, pull cursor, mutation numbering. */
  meta: declare<SyncMeta>('user'),
  /** Mutations the server has not acknowledged yet. */
  outbox: declare<OutboxMutation[]>('user'),
  /** Pulled campaigns by id. */
  campaigns: declare<Record<string, Campaign>>('user'),
  /** Pulled task items (problems, rectifications) by id. */
  items: declare<Record<string, LocalItem>>('user'),
  /** The latest refusal by the server per record or item. */
  rejections: declare<Rejection[]>('user'),
  /** What the capture forms keep between saves: a meeting's shared opinion fields, each site's campaign and stage (sidebar). */
  formMemory: declare<FormMemory>('user'),
} as const;

/** `browser.storage.local`, one key per entry: the prefix followed by the entry's own name. */
export const LOCAL_PREFIXES = {
  /** `rec:<id>`, one record each (local store). */
  'rec:': declare<LocalRecord>('user'),
  /** `draft:<kind>:<url>`, one per form and page. */
  'draft:': declare<Draft>('user'),
} as const;

/** `browser.storage.session`: gone when the browser closes, out of reach of content scripts. */
export const SESSION_KEYS = {
  /** Sidebar tickets and the frames that redeemed them; about frames, not users, so an account switch keeps them. */
  sidebarGrants: declare<SidebarGrants>('install'),
} as const;

type ValueOf<D> = D extends Declared<infer T> ? T : never;

export type LocalPrefix = keyof typeof LOCAL_PREFIXES;
/** Every local key with its value type; prefixed keys as template-literal index signatures (`rec:${string}`). */
export type LocalValues = { [K in keyof typeof LOCAL_KEYS]: ValueOf<(typeof LOCAL_KEYS)[K]> } & {
  [P in LocalPrefix as `${P}${string}`]: ValueOf<(typeof LOCAL_PREFIXES)[P]>;
};
export type LocalKey = keyof LocalValues & string;
export type PrefixedValue<P extends LocalPrefix> = ValueOf<(typeof LOCAL_PREFIXES)[P]>;
/** Several local keys written together in one `set`. */
export type LocalPatch = Partial<LocalValues>;

export type SessionValues = { [K in keyof typeof SESSION_KEYS]: ValueOf<(typeof SESSION_KEYS)[K]> };
export type SessionKey = keyof SessionValues & string;

export const recordKey = (id: string) => `rec:${id}` as const;
/** The URL keeps its hash: on hash-routed OA apps it names the document. */
export const draftKey = (kind: RecordKind, url: string) => `draft:${kind}:${url}` as const;

/** Whose the value under `key` is; undefined for a key this table does not declare. */
export function scopeOf(key: string): Scope | undefined {
  if (Object.hasOwn(LOCAL_KEYS, key)) return LOCAL_KEYS[key as keyof typeof LOCAL_KEYS].scope;
  const prefix = (Object.keys(LOCAL_PREFIXES) as LocalPrefix[]).find((p) => key.startsWith(p));
  return prefix ? LOCAL_PREFIXES[prefix].scope : undefined;
}
