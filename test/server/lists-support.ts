/** Shared set-up for the lists tests: a campaign with members who push records through the real sync API. */
import type { TestServer } from '../support/server';

export interface Member {
  id: string;
  token: string;
  clientId: string;
  nextMutation: number;
}

export async function createCampaign(t: TestServer, body: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const res = await t.api('POST', '/api/v1/campaigns', { body: { title: '下基层察民情解民忧暖民心', template: 'grassroots', unit: '化学学院党委', ...body } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`create campaign: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.campaign;
}

export async function addMember(t: TestServer, campaignId: string, name: string, unit = '化学学院'): Promise<Member> {
  const { user, token } = await t.createUser(name, unit);
  const campaign = (await t.api('GET', `/api/v1/campaigns/${campaignId}`)).body.campaign ?? (await t.store.get('campaigns', campaignId));
  const res = await t.api('PUT', `/api/v1/campaigns/${campaignId}/members`, { body: { userIds: [...campaign.memberIds, user.id] } });
  if (res.status !== 200) throw new Error(`members: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: user.id, token, clientId: `c-${user.id}`, nextMutation: 1 };
}

let recordCounter = 0;

/** Pushes one record through POST /sync/push, as the extension does; returns its id. */
export async function pushRecord(
  t: TestServer,
  m: Member,
  fields: Record<string, unknown>,
  id = `r-${++recordCounter}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const mutation = {
    id: m.nextMutation++,
    entity: 'record',
    entityId: id,
    hlc: `${String(Date.now()).padStart(13, '0')}-0000-${m.clientId}`,
    fields: { stage: '', page: null, ...fields },
  };
  const res = await t.api('POST', '/api/v1/sync/push', { token: m.token, body: { protocolVersion: 1, clientId: m.clientId, mutations: [mutation] } });
  if (res.status !== 200 || res.body.rejected?.length) throw new Error(`push: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export function opinion(campaignId: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { campaignId, kind: 'opinion', content, fromGroup: '学生', channel: '座谈会', category: '后勤服务', heardOn: '2024-06-03', ...extra };
}
