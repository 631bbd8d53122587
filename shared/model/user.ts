/** People: cadres (member) and campaign-office staff (admin). */
import { z } from 'zod';
import { IdSchema, requiredText } from './ids';

export const ROLES = ['member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = z.object({
  id: IdSchema,
  name: requiredText(50),
  unit: requiredText(100),
  role: z.enum(ROLES),
});
export type User = z.infer<typeof UserSchema>;

/** Body of `POST /api/v1/users` (◆). */
export const CreateUserSchema = z
  .object({
    name: requiredText(50),
    unit: requiredText(100),
    role: z.enum(ROLES, { errorMap: () => ({ message: '角色应为 member 或 admin' }) }).default('member'),
  })
  .strict();
