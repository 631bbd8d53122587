/**
 * The admin CLI on the store itself: the data directory when no server holds it (the store's lock is ours
 * meanwhile), or the PostgreSQL database, which servers and this CLI share.
 */
import type { AdminBackend } from './backend';
import type { Store } from '../store/store';
import { createUser, revokeTokens, setUserDisabled } from '../people/service';
import { addMembers, createCampaign } from '../campaigns/service';

export function storeBackend(store: Store, where: string): AdminBackend {
  return {
    where,
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
