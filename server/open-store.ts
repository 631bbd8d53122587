/**
 * The store the configuration names: PostgreSQL when DATABASE_URL is set (nothing is written under
 * DATA_DIR then, and no LOCK: several servers may share the database), the embedded store in DATA_DIR
 * otherwise. The first admin is made here too, because on PostgreSQL it must happen under the
 * start-up lock so that servers starting together on a new database make one between them.
 */
import { ensureFirstAdmin } from './people/service';
import type { UserDoc, Store } from './store/store';
import { openFileStore } from './store/open';
import type { FileStoreOptions } from './store/file-store';
import { openPostgresStore, type PostgresStoreOptions } from './store/postgres/open';

export interface StoreSettings {
  DATA_DIR: string;
  DATABASE_URL?: string;
  ADMIN_TOKEN?: string;
}

export interface OpenedStore {
  store: Store;
  kind: 'embedded' | 'postgres';
  /** Set when this start created the first admin (a new store). */
  firstAdmin: { user: UserDoc; token: string } | null;
}

export async function openConfiguredStore(
  config: StoreSettings,
  opts: { file?: FileStoreOptions; postgres?: Omit<PostgresStoreOptions, 'atStartup'> } = {},
): Promise<OpenedStore> {
  if (config.DATABASE_URL) {
    let firstAdmin: OpenedStore['firstAdmin'] = null;
    const store = await openPostgresStore(config.DATABASE_URL, {
      ...opts.postgres,
      atStartup: async (s) => {
        firstAdmin = await ensureFirstAdmin(s, config.ADMIN_TOKEN);
      },
    });
    return { store, kind: 'postgres', firstAdmin };
  }
  const store = await openFileStore(config.DATA_DIR, opts.file);
  return { store, kind: 'embedded', firstAdmin: await ensureFirstAdmin(store, config.ADMIN_TOKEN) };
}
