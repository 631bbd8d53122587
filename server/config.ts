/** Server settings from the environment (◆ Running it). */
import { z } from 'zod';
import { TOKEN_SHAPE } from './auth/tokens';

/** Said where ADMIN_TOKEN is refused, so the operator learns the rule before the first start, not after it. */
export const ADMIN_TOKEN_RULE = '须为 16–200 个字符，只能包含英文字母、数字和 - _ . ~ + / = 这些符号';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().regex(TOKEN_SHAPE, ADMIN_TOKEN_RULE).optional(),
});

export type ServerConfig = z.infer<typeof EnvSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse({ ...env, ADMIN_TOKEN: env.ADMIN_TOKEN || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${issue.path.join('.')} 无效：${issue.message}`);
  }
  return parsed.data;
}
