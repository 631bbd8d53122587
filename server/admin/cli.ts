/**
 * `npm run admin -- <command>` for campus IT. Users, tokens and campaigns go through the running server's
 * API when a server holds DATA_DIR (its address from `DATA_DIR/server.json`, an admin's token from
 * ADMIN_TOKEN), or straight to the data directory when none does; `--server <url>` always uses the API.
 * Backups are taken either way; restoring and recovering need the server stopped. With DATABASE_URL the
 * commands work on the PostgreSQL database (servers may keep running: transactions take turns). Same rules as the API.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CreateCampaignSchema } from '../../shared/model/campaign';
import { IdSchema } from '../../shared/model/ids';
import { CreateUserSchema } from '../../shared/model/user';
import { openFileStore, StoreLockedError } from '../store/open';
import { openPostgresStore, redactUrl } from '../store/postgres/open';
import { copyIntoPostgres } from '../store/postgres/import';
import { allDocs, fingerprint, namedBlobs, readAll } from '../store/portable';
import { sha256Of } from '../store/blobs';
import { COLLECTIONS } from '../store/memory-state';
import type { Store } from '../store/store';
import { listSnapshots } from '../store/snapshots';
import { restoreBackup } from '../store/restore';
import { backupDataDir, pruneBackups, snapshotOfBackup } from '../store/backup';
import { recoverStore } from '../store/recover';
import { realDisk } from '../store/disk';
import { ApiError } from '../http/errors';
import { describeZodError } from '../http/zod-message';
import type { AdminBackend } from './backend';
import { storeBackend } from './store-backend';
import { apiBackend } from './api-backend';
import { readEndpoint } from './endpoint';

const USAGE = `用法：npm run admin -- <命令> [参数]
服务器运行时经由其 API 执行（需环境变量 ADMIN_TOKEN 为管理员令牌），服务器未运行时直接操作数据目录：
  add-user --name 姓名 --unit 部门 [--role member|admin]   添加用户（令牌只显示一次）
  list-users                                               列出用户
  revoke-token <用户ID>                                    吊销该用户的全部令牌
  rotate-token <用户ID>                                    吊销旧令牌并生成新令牌
  disable-user <用户ID>                                    停用用户（令牌失效，控制台会话立即结束）
  enable-user <用户ID>                                     重新启用用户
  create-campaign --title 名称 [--template mass-line|grassroots|counselor-contact|excellence] [--year 2025] [--unit 单位]
  list-campaigns                                           列出活动
  add-members <活动ID> <用户ID>...                         添加活动成员
服务器运行与否都可以：
  backup <备份目录> [--keep 14]                            取一份一致的备份（taizhang-<时间>/），校验可读；--keep 只留最新几份
  backups                                                  列出数据目录中的快照
只能在服务器停止后：
  restore-backup <备份目录|快照文件>                       从备份恢复（连同佐证材料；客户端将重新同步）
  recover                                                  数据目录损坏时：保留所有完整的记录并报告无法恢复的内容
  migrate-to-postgres                                      把 DATA_DIR 中的数据复制到 DATABASE_URL 指定的空数据库，并逐个集合核对数量和校验和
数据目录或数据库都可以：
  export-data [--out 文件]                                 导出全部数据（JSON Lines，每行一份文档，附佐证材料）
环境变量 DATA_DIR 指定数据目录（默认 ./data）；也可用 --data-dir。--server <网址> 总是经由该服务器的 API。
设置了 DATABASE_URL（或 --database-url）时，命令作用于该 PostgreSQL 数据库（服务器可继续运行）；backup、backups、restore-backup、recover 只用于数据目录（PostgreSQL 请用 pg_dump 备份）。`;

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, 'invalid', describeZodError(result.error).message);
  return result.data;
}

function adminToken(env: NodeJS.ProcessEnv, url: string): string {
  const token = env.ADMIN_TOKEN?.trim();
  if (!token) throw new ApiError(401, 'unauthorized', `台账服务器（${url}）正在运行，命令将经由它的 API 执行：请在环境变量 ADMIN_TOKEN 中给出一位管理员的令牌`);
  return token;
}

/** Where the commands work: the data directory, or the database when a URL is given. */
interface Target {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * The running server's API if `--server` names one or one holds the data directory; the PostgreSQL
 * database itself when DATABASE_URL is set (several servers and this CLI share it safely); otherwise the directory.
 */
async function connect({ dataDir, databaseUrl }: Target, server: string | undefined, env: NodeJS.ProcessEnv): Promise<AdminBackend> {
  if (server) return apiBackend(server, adminToken(env, server));
  if (databaseUrl) return storeBackend(await openPostgresStore(databaseUrl, { poolSize: 2 }), `数据库 ${redactUrl(databaseUrl)}`);
  try {
    return storeBackend(await openFileStore(dataDir), `数据目录 ${dataDir}`);
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err;
    const endpoint = readEndpoint(dataDir);
    if (!endpoint || endpoint.pid !== err.holder?.pid) {
      throw new ApiError(
        409,
        'locked',
        `${err.message}\n它没有登记服务地址（可能是另一条管理命令正在运行，或服务器还在启动）：请稍后再试，或用 --server <网址> 指定服务器。`,
      );
    }
    return apiBackend(endpoint.url, adminToken(env, endpoint.url));
  }
}

/** Whole-store work (export) on the database or the data directory, without going through a server. */
async function withStore<T>({ dataDir, databaseUrl }: Target, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = databaseUrl ? await openPostgresStore(databaseUrl, { poolSize: 2 }) : await offlineOnly(() => openFileStore(dataDir));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Commands that rewrite the data directory under the server's feet are refused while it runs, with what to do. */
async function offlineOnly<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StoreLockedError)
      throw new ApiError(409, 'locked', `${err.message}\n此命令只能在服务器停止后运行：先停止服务（如 systemctl stop taizhang），完成后再启动。`);
    throw err;
  }
}

export async function runAdmin(argv: string[], print: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      unit: { type: 'string' },
      role: { type: 'string' },
      title: { type: 'string' },
      template: { type: 'string' },
      year: { type: 'string' },
      'data-dir': { type: 'string' },
      server: { type: 'string' },
      keep: { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  const dataDir = values['data-dir'] ?? env.DATA_DIR ?? './data';
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  const target: Target = { dataDir, databaseUrl };
  const embeddedOnly = () => {
    if (databaseUrl) throw new ApiError(400, 'invalid', `${command} 只用于数据目录（DATA_DIR）。PostgreSQL 数据库请用 pg_dump / pg_restore 备份和恢复。`);
  };
  const withBackend = async <T>(fn: (b: AdminBackend) => Promise<T>): Promise<T> => {
    const backend = await connect(target, values.server, env);
    if (backend.online) print(`（经由${backend.where}）`);
    try {
      return await fn(backend);
    } finally {
      await backend.close();
    }
  };
  if (!command || values.help || command === 'help') {
    print(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'add-user': {
      const input = parse(CreateUserSchema, { name: values.name, unit: values.unit, ...(values.role ? { role: values.role } : {}) });
      const { user, token } = await withBackend((b) => b.addUser(input));
      print(`已添加用户 ${user.name}（${user.unit}，${user.role}），ID：${user.id}`);
      print(`令牌（只显示这一次）：${token}`);
      return 0;
    }
    case 'list-users': {
      const users = await withBackend((b) => b.listUsers());
      for (const u of users) print([u.id, u.name, u.unit, u.role, u.disabledAt ? '已停用' : ''].join('\t').trimEnd());
      return 0;
    }
    case 'revoke-token':
    case 'rotate-token': {
      const userId = parse(IdSchema, args[0]);
      const { token, revoked } = await withBackend((b) => b.revokeTokens(userId, command === 'rotate-token'));
      print(`已吊销 ${revoked} 个令牌`);
      if (token) print(`新令牌（只显示这一次）：${token}`);
      return 0;
    }
    case 'disable-user':
    case 'enable-user': {
      const userId = parse(IdSchema, args[0]);
      const user = await withBackend((b) => b.setDisabled(userId, command === 'disable-user'));
      print(
        command === 'disable-user' ? `已停用用户 ${user.name}（${user.id}）：其令牌不再有效，控制台会话已结束` : `已重新启用用户 ${user.name}（${user.id}）`,
      );
      return 0;
    }
    case 'create-campaign': {
      const input = parse(CreateCampaignSchema, {
        title: values.title,
        ...(values.template ? { template: values.template } : {}),
        ...(values.unit ? { unit: values.unit } : {}),
        ...(values.year ? { year: Number(values.year) } : {}),
      });
      const campaign = await withBackend((b) => b.createCampaign(input));
      print(`已创建活动“${campaign.title}”，ID：${campaign.id}`);
      for (const st of campaign.stages) print(`  ${st.title}：${st.start} 至 ${st.end}`);
      return 0;
    }
    case 'list-campaigns': {
      const campaigns = await withBackend((b) => b.listCampaigns());
      for (const k of campaigns) print(`${k.id}\t${k.title}\t成员 ${k.memberIds.length} 人`);
      return 0;
    }
    case 'add-members': {
      const campaignId = parse(IdSchema, args[0]);
      const userIds = parse(z.array(IdSchema).min(1, '请至少给出一个用户 ID'), args.slice(1));
      const campaign = await withBackend((b) => b.addMembers(campaignId, userIds));
      print(`活动“${campaign.title}”现有成员 ${campaign.memberIds.length} 人`);
      return 0;
    }
    case 'backups': {
      embeddedOnly();
      for (const f of await listSnapshots(realDisk, dataDir)) print(f);
      return 0;
    }
    case 'backup': {
      embeddedOnly();
      if (!args[0]) throw new ApiError(400, 'invalid', '请给出存放备份的目录');
      const report = await backupDataDir(dataDir, args[0]);
      print(`已备份到 ${report.dir}：${report.documents} 份文档，佐证材料新复制 ${report.blobsCopied} 个、沿用上次备份 ${report.blobsLinked} 个`);
      print(`快照：${report.snapshot}`);
      const keep = values.keep === undefined ? undefined : parse(z.coerce.number().int().min(1, '--keep 至少为 1'), values.keep);
      if (keep !== undefined) for (const removed of await pruneBackups(args[0], keep)) print(`已删除旧备份 ${removed}`);
      return 0;
    }
    case 'restore-backup': {
      embeddedOnly();
      if (!args[0]) throw new ApiError(400, 'invalid', '请给出要恢复的备份目录或快照文件');
      const { snapshot, backupDir } = await snapshotOfBackup(args[0]);
      mkdirSync(dataDir, { recursive: true });
      const { epoch } = await offlineOnly(() => restoreBackup(dataDir, snapshot, realDisk, { blobsFrom: backupDir }));
      print(`已从备份恢复，新的数据纪元：${epoch}。各客户端下次同步时将重新上传本地记录。`);
      return 0;
    }
    case 'recover': {
      embeddedOnly();
      const report = await offlineOnly(() => recoverStore(dataDir));
      print(report.base ? `以快照 ${report.base} 为基础恢复` : '没有完好的快照可作基础');
      if (report.salvaged > 0) print(`从损坏的快照中取回 ${report.salvaged} 份校验通过的文档`);
      print(`重放预写日志中的完整记录 ${report.logEntriesReplayed} 条；恢复后共 ${report.documents} 份文档`);
      if (report.notRecovered.length === 0) print('没有发现无法恢复的内容。');
      else {
        print(`无法按原样恢复的内容（${report.notRecovered.length} 处）：`);
        for (const line of report.notRecovered) print(`  - ${line}`);
      }
      if (report.movedTo) print(`损坏的原始文件已移到 ${report.movedTo}（未删除）`);
      print(`新的数据纪元：${report.epoch}。各客户端下次同步时会重新上传本地保存的记录，服务器上缺失的记录将由此补回。`);
      return 0;
    }
    case 'migrate-to-postgres':
      if (!databaseUrl) throw new ApiError(400, 'invalid', '请用 DATABASE_URL 或 --database-url 指定目标 PostgreSQL 数据库');
      return migrateToPostgres(dataDir, databaseUrl, print);
    case 'export-data':
      return withStore(target, (s) => exportData(s, values.out, print));
    default:
      print(`不认识的命令：${command}\n${USAGE}`);
      return 2;
  }
}

/**
 * DATA_DIR → an empty PostgreSQL database, then every collection compared on both sides (count and
 * sha-256 of its documents) and every blob re-hashed as stored. 0 only when everything matches.
 */
async function migrateToPostgres(dataDir: string, databaseUrl: string, print: (line: string) => void): Promise<number> {
  const source = await offlineOnly(() => openFileStore(dataDir));
  try {
    const target = await openPostgresStore(databaseUrl, { poolSize: 2 });
    try {
      print(`正在把 ${dataDir} 复制到 ${redactUrl(databaseUrl)}……`);
      const report = await copyIntoPostgres(source, target);
      let mismatches = 0;
      for (const c of COLLECTIONS) {
        const [from, to] = await Promise.all([fingerprint(source, c), fingerprint(target, c)]);
        const same = from.count === to.count && from.sha256 === to.sha256;
        if (!same) mismatches++;
        print(`${c}	${from.count} → ${to.count}	${to.sha256.slice(0, 16)}	${same ? '一致' : `不一致（源 ${from.sha256.slice(0, 16)}）`}`);
      }
      for (const sha256 of await namedBlobs(source)) {
        const stream = await target.getBlob(sha256);
        if (!stream || sha256Of(await readAll(stream)) !== sha256) {
          mismatches++;
          print(`佐证材料 ${sha256} 在数据库中缺失或内容不符`);
        }
      }
      const [a, b] = await Promise.all([source.meta(), target.meta()]);
      if (a.epoch !== b.epoch || a.seq !== b.seq) mismatches++;
      print(`佐证材料 ${report.blobs} 个；数据纪元 ${b.epoch}，序号 ${b.seq}（与数据目录相同，客户端无需重新同步）`);
      print(mismatches === 0 ? '核对完成：全部一致。' : `核对发现 ${mismatches} 处不一致，请勿切换到数据库。`);
      return mismatches === 0 ? 0 : 1;
    } finally {
      await target.close();
    }
  } finally {
    await source.close({ compact: false });
  }
}

/**
 * Everything as JSON Lines, written as it is read (pages of the change feed, not whole tables): a
 * header line, one line per document, one per blob (base64). Readable by any tool; the same for both stores.
 */
async function exportData(store: Store, out: string | undefined, print: (line: string) => void): Promise<number> {
  const file = out ? createWriteStream(out) : null;
  const write = async (line: string) => {
    if (!file) return print(line);
    if (!file.write(`${line}\n`)) await new Promise<void>((r) => file.once('drain', () => r()));
  };
  const meta = await store.meta();
  await write(JSON.stringify({ format: 'taizhang-export', version: 1, epoch: meta.epoch, seq: meta.seq, schemaVersion: meta.schemaVersion }));
  let documents = 0;
  for await (const { collection, doc } of allDocs(store)) {
    await write(JSON.stringify({ collection, doc }));
    documents++;
  }
  let blobs = 0;
  for (const sha256 of await namedBlobs(store)) {
    const stream = await store.getBlob(sha256);
    if (!stream) continue;
    await write(JSON.stringify({ blob: sha256, base64: (await readAll(stream)).toString('base64') }));
    blobs++;
  }
  if (file) {
    await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
    print(`已导出 ${documents} 份文档、${blobs} 个佐证材料到 ${out}`);
  }
  return 0;
}

// Run only when executed, not when imported by tests.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  runAdmin(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
