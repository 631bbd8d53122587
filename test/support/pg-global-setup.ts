/**
 * The postgres project's one cluster: started before its files, stopped after them. Its URL reaches
 * the test workers as TAIZHANG_TEST_PG_URL (postgres.ts `sharedClusterUrl`).
 */
import { postgresAvailable, startPgCluster } from './postgres';

export default async function setup(): Promise<() => Promise<void>> {
  if (!postgresAvailable()) throw new Error('PostgreSQL is not installed: the postgres test project cannot run (set PG_BIN, or install postgresql)');
  const cluster = await startPgCluster();
  process.env.TAIZHANG_TEST_PG_URL = cluster.url();
  return () => cluster.stop();
}
