/** The wire shape of `GET /api/v1/me` (◆ user and campaigns; timeZone added): checked by the extension on receipt. */
import { z } from 'zod';
import { CampaignSchema } from './campaign';
import { UserSchema } from './user';

export const MeSchema = z.object({
  user: UserSchema,
  campaigns: z.array(CampaignSchema.passthrough()),
  /** The zone "today" and "overdue" are read in; absent from servers before it was added. */
  timeZone: z.string().optional(),
});
export type Me = z.infer<typeof MeSchema>;
