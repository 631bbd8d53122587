/**
 * What the admin CLI's user and campaign commands need, with two ways to do it: on the data directory when
 * no server holds it (store-backend.ts), or through the running server's API (api-backend.ts). Both apply
 * the same rules (the API's handlers call the same services), so a command says the same either way.
 */
import type { CreateCampaign } from '../../shared/model/campaign';
import type { NewUser } from '../people/service';
import type { Role } from '../../shared/model/user';

export interface UserRow {
  id: string;
  name: string;
  unit: string;
  role: Role;
  disabledAt?: string | null;
}

export interface CampaignRow {
  id: string;
  title: string;
  memberIds: string[];
  stages: { title: string; start: string; end: string }[];
}

export interface AdminBackend {
  /** Where the commands go, said to the operator: the data directory or the server's address. */
  readonly where: string;
  /** True when the commands go through a running server. */
  readonly online: boolean;
  addUser(input: NewUser): Promise<{ user: UserRow; token: string }>;
  listUsers(): Promise<UserRow[]>;
  /** Revokes every token of the user; `issueNew` also makes a new one (rotate). */
  revokeTokens(userId: string, issueNew: boolean): Promise<{ revoked: number; token: string | null }>;
  setDisabled(userId: string, disabled: boolean): Promise<UserRow>;
  createCampaign(input: CreateCampaign): Promise<CampaignRow>;
  listCampaigns(): Promise<CampaignRow[]>;
  addMembers(campaignId: string, userIds: string[]): Promise<CampaignRow>;
  close(): Promise<void>;
}
