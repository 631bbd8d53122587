/** People and their tokens: the rules the API and the admin CLI share. */
import type { CreateUserSchema } from '../../shared/model/user';
import type { z } from 'zod';
import type { Store, UserDoc } from '../store/store';
import { newId } from '../store/new-id';
import { writeAudit, type ActorOptions } from '../audit/audit-log';
import { generateToken, hashToken, TOKEN_SHAPE } from '../auth/tokens';
import { ApiError } from '../http/errors';
import { endSessionsOf } from '../auth/sessions';

export type NewUser = z.output<typeof CreateUserSchema>;

export const publicUser = (u: UserDoc) => ({ id: u.id, name: u.name, unit: u.unit, role: u.role });

/** Creates a user and their first token; the token is returned once and only its hash is kept. */
export async function createUser(
  store: Store,
  input: NewUser,
  { actorId = 'system', now = Date.now(), token = generateToken() }: ActorOptions & { token?: string } = {},
): Promise<{ user: UserDoc; token: string }> {
  if (!TOKEN_SHAPE.test(token)) throw new ApiError(400, 'invalid', '令牌格式无效（16–200 个字母、数字或 -_.~+/= 字符）', 'token');
  const at = new Date(now).toISOString();
  const user = await store.transact(async (tx) => {
    if (await tx.get('tokens', hashToken(token))) throw new ApiError(409, 'conflict', '该令牌已被使用');
    const stored = await tx.put('users', { id: newId('u'), name: input.name, unit: input.unit, role: input.role, createdAt: at, disabledAt: null });
    await tx.put('tokens', { id: hashToken(token), userId: stored.id, createdAt: at, revokedAt: null });
    await writeAudit(tx, { actorId, action: 'user.create', entityId: stored.id, after: publicUser(stored) }, at);
    return stored;
  });
  return { user, token };
}

export async function requireUserDoc(store: Store, userId: string): Promise<UserDoc> {
  const user = await store.get('users', userId);
  if (!user) throw new ApiError(404, 'not_found', '用户不存在');
  return user;
}

/** Revokes every live token of the user and ends their console sessions; with `issueNew`, hands out a fresh one (rotation). */
export async function revokeTokens(
  store: Store,
  userId: string,
  issueNew: boolean,
  { actorId = 'system', now = Date.now() }: ActorOptions = {},
): Promise<{ token: string | null; revoked: number }> {
  await requireUserDoc(store, userId);
  const at = new Date(now).toISOString();
  const token = issueNew ? generateToken() : null;
  const revoked = await store.transact(async (tx) => {
    let count = 0;
    for (const t of await tx.find('tokens', { userId })) {
      if (t.revokedAt) continue;
      await tx.put('tokens', { ...t, revokedAt: at });
      count++;
    }
    if (token) await tx.put('tokens', { id: hashToken(token), userId, createdAt: at, revokedAt: null });
    await endSessionsOf(tx, userId, at);
    await writeAudit(tx, { actorId, action: issueNew ? 'token.rotate' : 'token.revoke', entityId: userId }, at);
    return count;
  });
  return { token, revoked };
}

/** First start: an empty store gets its first admin, with the configured token or a random one. */
export async function ensureFirstAdmin(store: Store, adminToken?: string): Promise<{ token: string; user: UserDoc } | null> {
  if ((await store.find('users')).length > 0) return null;
  return createUser(store, { name: '管理员', unit: '活动办公室', role: 'admin' }, { token: adminToken || generateToken() });
}

/**
 * Disables or re-enables a user. A disabled user's tokens stop working and their console sessions
 * end at once; their records and items stay. The last enabled admin cannot be disabled, or no one
 * could ever sign in to the console again.
 */
export async function setUserDisabled(
  store: Store,
  userId: string,
  disabled: boolean,
  { actorId = 'system', now = Date.now() }: ActorOptions = {},
): Promise<UserDoc> {
  const at = new Date(now).toISOString();
  return store.transact(async (tx) => {
    const user = await tx.get('users', userId);
    if (!user) throw new ApiError(404, 'not_found', '用户不存在');
    if (Boolean(user.disabledAt) === disabled) return user;
    if (disabled && user.role === 'admin') {
      const otherAdmins = (await tx.find('users')).filter((u) => u.role === 'admin' && !u.disabledAt && u.id !== userId);
      if (otherAdmins.length === 0) throw new ApiError(409, 'conflict', '这是唯一一位在用的管理员，不能停用（否则没有人能再登录控制台）');
    }
    const { seq: _seq, ...doc } = user;
    const stored = await tx.put('users', { ...doc, disabledAt: disabled ? at : null });
    if (disabled) await endSessionsOf(tx, userId, at);
    await writeAudit(tx, { actorId, action: disabled ? 'user.disable' : 'user.enable', entityId: userId }, at);
    return stored;
  });
}
