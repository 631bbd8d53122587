/** The shape of `GET /api/v1/me/tasks` as the sidebar reads it (server/lists/my-tasks.ts answers it). */
import type { ItemStatus } from '../../shared/model/list-item';

export interface MyTask {
  id: string;
  campaignId: string;
  campaignTitle: string;
  list: string;
  title: string;
  description: string;
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
