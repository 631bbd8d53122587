/** The wire shape of `GET /api/v1/me/tasks`: the server's answer (server/lists/my-tasks.ts) is typed by it, the sidebar reads it. */
import type { ItemStatus } from './list-item';

export interface MyTask {
  id: string;
  campaignId: string;
  campaignTitle: string;
  list: string;
  title: string;
  description: string;
  responsibleLeader: string;
  responsibleUnit: string;
  deadline: string | null;
  status: ItemStatus;
  progress: string;
  evidence: string;
  overdue: boolean;
  dueSoon: boolean;
}

export interface StageDeadline {
  key: string;
  title: string;
  start: string;
  end: string;
  daysLeft: number;
}

export interface MyCampaignObligations {
  id: string;
  title: string;
  currentStage: StageDeadline | null;
  stages: StageDeadline[];
  obligations: {
    study: { stage: string; title: string; minutes: number; quotaMinutes: number | null; reflections: number; quotaReflections: number | null }[];
    reflectionMinChars: number | null;
    talks: { year: number; quarter: number; count: number; quota: number | null };
  };
}

export interface MyTasks {
  today: string;
  tasks: MyTask[];
  campaigns: MyCampaignObligations[];
}

/** The background's answer to `tasks:get`: fresh, or the last answer for the same user when the server is out of reach. */
export interface TasksReply {
  tasks: MyTasks;
  stale: boolean;
  /** Why the fresh list could not be had, when `stale`. */
  reason?: string;
}
