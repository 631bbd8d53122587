/** The wire shape of `GET /api/v1/me/tasks`: the server's answer (server/tasks/my-tasks.ts) is typed by it; the extension checks what it receives against it. */
import { z } from 'zod';
import { ITEM_STATUSES } from './item-status';
import { LIST_KINDS } from './list-item';

export const MyTaskSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  list: z.enum(LIST_KINDS),
  title: z.string(),
  description: z.string(),
  // Added after the first release: a server from before it leaves them out.
  responsibleLeader: z.string().default(''),
  responsibleUnit: z.string().default(''),
  target: z.string().default(''),
  deadline: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  progress: z.string(),
  evidence: z.string(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
});
export type MyTask = z.infer<typeof MyTaskSchema>;

export const StageDeadlineSchema = z.object({ key: z.string(), title: z.string(), start: z.string(), end: z.string(), daysLeft: z.number() });
export type StageDeadline = z.infer<typeof StageDeadlineSchema>;

export const MyCampaignObligationsSchema = z.object({
  id: z.string(),
  title: z.string(),
  currentStage: StageDeadlineSchema.nullable(),
  stages: z.array(StageDeadlineSchema),
  obligations: z.object({
    study: z.array(
      z.object({
        stage: z.string(),
        title: z.string(),
        minutes: z.number(),
        quotaMinutes: z.number().nullable(),
        reflections: z.number(),
        quotaReflections: z.number().nullable(),
      }),
    ),
    reflectionMinChars: z.number().nullable(),
    talks: z.object({ year: z.number(), quarter: z.number(), count: z.number(), quota: z.number().nullable() }),
  }),
});
export type MyCampaignObligations = z.infer<typeof MyCampaignObligationsSchema>;

export const MyTasksSchema = z.object({ today: z.string(), tasks: z.array(MyTaskSchema), campaigns: z.array(MyCampaignObligationsSchema) });
export type MyTasks = z.infer<typeof MyTasksSchema>;

/** The background's answer to `tasks:get`: fresh, or the last answer for the same user when the server is out of reach. */
export interface TasksReply {
  tasks: MyTasks;
  stale: boolean;
  /** Why the fresh list could not be had, when `stale`. */
  reason?: string;
}
