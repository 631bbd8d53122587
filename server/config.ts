/** Server settings from the environment (◆ Running it). */
import { z } from 'zod';
import { TOKEN_SHAPE } from './auth/tokens';
import { DEFAULT_QUOTAS, QUOTA_ENV, type Quotas } from './quotas/quotas';
import { DEFAULT_TIME_ZONE, isKnownTimeZone } from '../shared/calendar';
import { OriginPatternSchema } from '../shared/model/campaign';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address';

/** Said where ADMIN_TOKEN is refused, so the operator learns the rule before the first start, not after it. */
export const ADMIN_TOKEN_RULE = '须为 16–200 个字符，只能包含英文字母、数字和 - _ . ~ + / = 这些符号';

const positiveInt = z.coerce.number({ invalid_type_error: '应为正整数' }).int('应为正整数').min(1, '应为正整数').max(Number.MAX_SAFE_INTEGER);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… selects the PostgreSQL store (several servers may share it); absent: the embedded store in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\/[^\s]+$/.test(u), '应为 postgres://用户:密码@主机:端口/数据库 形式的地址')
    .optional(),
  ADMIN_TOKEN: z.string().regex(TOKEN_SHAPE, ADMIN_TOKEN_RULE).optional(),
  /** The address users reach, e.g. https://taizhang.example.edu.cn: decides the console cookie's Secure flag. */
  PUBLIC_URL: z
    .string()
    .url('应为完整网址，如 https://taizhang.example.edu.cn')
    .refine((u) => /^https?:\/\//.test(u), '应以 http:// 或 https:// 开头')
    .optional(),
  /** OA sites every packaged extension holds from install, besides the campaigns' (match patterns, comma- or space-separated). */
  OA_SITES: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(OriginPatternSchema)),
  /** The production builds the server packs (server/extension-dist/): Chrome/Edge, and Firefox when present. */
  EXTENSION_BUILD_DIR: z.string().min(1).default('.output/chrome-mv3'),
  FIREFOX_BUILD_DIR: z.string().min(1).default('.output/firefox-mv3'),
  /** Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For / -Proto are believed. */
  TRUST_PROXY: z.string().default(''),
  /** The zone every date and time shown to people is in; storage stays UTC ISO. */
  TZ_NAME: z.string().default(DEFAULT_TIME_ZONE).refine(isKnownTimeZone, '应为 IANA 时区名，如 Asia/Shanghai'),
  ...(Object.fromEntries(Object.entries(QUOTA_ENV).map(([key, env]) => [env, positiveInt.default(DEFAULT_QUOTAS[key as keyof Quotas])])) as Record<
    string,
    z.ZodDefault<typeof positiveInt>
  >),
});

export interface ServerConfig {
  PORT: number;
  HOST: string;
  DATA_DIR: string;
  DATABASE_URL?: string;
  ADMIN_TOKEN?: string;
  PUBLIC_URL?: string;
  OA_SITES: string[];
  EXTENSION_BUILD_DIR: string;
  FIREFOX_BUILD_DIR: string;
  TZ_NAME: string;
  trustedProxies: TrustedProxies;
  quotas: Quotas;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = EnvSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${issue.path.join('.')} 无效：${issue.message}`);
  }
  const data = parsed.data as z.infer<typeof EnvSchema> & Record<string, number>;
  let trustedProxies: TrustedProxies;
  try {
    trustedProxies = parseTrustedProxies(data.TRUST_PROXY);
  } catch (err) {
    throw new Error(`环境变量 TRUST_PROXY 无效：${(err as Error).message}`);
  }
  const quotas = Object.fromEntries(Object.entries(QUOTA_ENV).map(([key, env]) => [key, data[env]])) as unknown as Quotas;
  return {
    PORT: data.PORT,
    HOST: data.HOST,
    DATA_DIR: data.DATA_DIR,
    DATABASE_URL: data.DATABASE_URL,
    ADMIN_TOKEN: data.ADMIN_TOKEN,
    PUBLIC_URL: data.PUBLIC_URL,
    OA_SITES: data.OA_SITES,
    EXTENSION_BUILD_DIR: data.EXTENSION_BUILD_DIR,
    FIREFOX_BUILD_DIR: data.FIREFOX_BUILD_DIR,
    TZ_NAME: data.TZ_NAME,
    trustedProxies,
    quotas,
  };
}
