/** The admin CLI on the data directory itself, for when no server holds it (the store's lock is ours meanwhile). */
import type { AdminBackend } from './backend';
import type { FileStore } from '../store/open';
import { createUser, revokeTokens, setUserDisabled } from '../people/service';
import { addMembers, createCampaign } from '../campaigns/service';

export function storeBackend(store: FileStore, dataDir: string): AdminBackend {
  return {
    where: `数据目录 ${dataDir}`,
    online: false,
    addUser: (input) => createUser(store, input),
    listUsers: () => store.find('users'),
    revokeTokens: (userId, issueNew) => revokeTokens(store, userId, issueNew),
    setDisabled: (userId, disabled) => setUserDisabled(store, userId, disabled),
    createCampaign: (input) => createCampaign(store, input),
    listCampaigns: () => store.find('campaigns'),
    addMembers: (campaignId, userIds) => addMembers(store, campaignId, userIds),
    close: () => store.close(),
  };
}
