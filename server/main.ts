/** The server process: reads the environment, opens the store (DATA_DIR, or DATABASE_URL), serves the app. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { readConfig } from './config';
import { ExtensionDistribution } from './extension-dist/distribution';
import { openConfiguredStore, type OpenedStore } from './open-store';
import { StoreDamagedError, StoreLockedError } from './store/open';
import { DatabaseStartError } from './store/postgres/open';
import { ReminderScheduler } from './reminders/scheduler';
import { localUrl, removeEndpoint, writeEndpoint } from './admin/endpoint';

async function main(): Promise<void> {
  const config = readConfig();
  let opened: OpenedStore;
  try {
    opened = await openConfiguredStore(config, {
      file: {
        // A failed write is undone and answered 503; only a log that cannot be made consistent again ends
        // the process (nothing unacknowledged survives in memory, clients retry against the restarted server).
        onFatal: (err) => {
          console.error('台账服务器的预写日志无法恢复一致，立即停止：', err.message);
          process.exit(70);
        },
      },
    });
  } catch (err) {
    if (err instanceof DatabaseStartError) {
      console.error(err.message);
      process.exit(69);
    }
    if (err instanceof StoreLockedError) {
      console.error(err.message);
      process.exit(75);
    }
    if (err instanceof StoreDamagedError) {
      console.error(err.message);
      process.exit(65);
    }
    throw err;
  }

  const { store, firstAdmin } = opened;
  if (opened.kind === 'postgres') console.log('数据存储：PostgreSQL（DATABASE_URL）');
  if (firstAdmin) {
    console.log(
      config.ADMIN_TOKEN
        ? `已创建第一位管理员（${firstAdmin.user.id}），令牌为 ADMIN_TOKEN 的值`
        : `已创建第一位管理员（${firstAdmin.user.id}）。管理员令牌（只显示这一次，请妥善保存）：${firstAdmin.token}`,
    );
  }

  // Without PUBLIC_URL the packages point browsers at the listening address, known once listening.
  let listeningUrl = `http://${config.HOST}:${config.PORT}`;
  const extensionDist = new ExtensionDistribution({
    store,
    chromeBuildDir: config.EXTENSION_BUILD_DIR,
    firefoxBuildDir: config.FIREFOX_BUILD_DIR,
    publicUrl: () => config.PUBLIC_URL ?? listeningUrl,
    extraSites: config.OA_SITES,
  });
  const app = createApp({
    store,
    quotas: config.quotas,
    trustedProxies: config.trustedProxies,
    publicUrl: config.PUBLIC_URL,
    timeZone: config.TZ_NAME,
    extensionDist,
    // On PostgreSQL the process keeps no per-record state, so it stays the same size whatever the database holds.
    dayTotals: opened.kind === 'postgres' ? 'scan' : 'index',
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    // Before the listening line: whoever waits for that line can already reach the server through the CLI.
    // Not on PostgreSQL: nothing is written under DATA_DIR, and the CLI works on the database itself.
    if (opened.kind === 'embedded') writeEndpoint(config.DATA_DIR, localUrl(info));
    listeningUrl = `http://${host}:${info.port}`;
    console.log(`Taizhang server listening on ${listeningUrl}`);
    if (!config.PUBLIC_URL && /^(0\.0\.0\.0|::|\[::\]|127\.|localhost|\[::1\])/.test(host)) {
      console.warn(`未设置 PUBLIC_URL：分发的扩展将从 ${listeningUrl} 检查更新，其他电脑访问不到这个地址；正式部署请设置 PUBLIC_URL`);
    }
    // Packed now rather than on the first browser's update check; a missing build is said, not fatal.
    extensionDist.current().then(
      (p) => console.log(`扩展分发：${p.extensionId} 版本 ${p.version}，更新地址 ${p.updateUrl}`),
      (err: unknown) => console.warn(`扩展分发暂不可用：${(err as Error).message}`),
    );
  });
  // Group robot reminders (server/reminders/): a look once a minute; campaigns without a webhook cost nothing.
  const reminders = new ReminderScheduler({ store, timeZone: config.TZ_NAME }).start();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`收到 ${signal}，正在关闭…`);
    if (opened.kind === 'embedded') removeEndpoint(config.DATA_DIR);
    server.close(() => {
      void reminders
        .stop()
        .then(() => store.close())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            console.error('关闭存储失败：', err);
            process.exit(1);
          },
        );
    });
    // Keep-alive connections would hold close() open; let in-flight requests finish, then stop waiting.
    setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 2000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('台账服务器启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
