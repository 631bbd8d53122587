/**
 * Unsaved form input, kept in extension storage per kind and page so it survives navigation,
 * reloads and closing the sidebar. Drafts are the user's: an account switch removes them.
 */
import type { RecordKind } from '../../shared/model/record';
import { draftKey } from '../storage/keys';
import type { Draft } from '../storage/stored-shapes';
import { localItem } from '../storage/typed-area';

const draftOf = (kind: RecordKind, url: string) => localItem(draftKey(kind, url));

export const loadDraft = (kind: RecordKind, url: string): Promise<Draft | null> => draftOf(kind, url).get();

export const saveDraft = (kind: RecordKind, url: string, draft: Draft): Promise<void> => draftOf(kind, url).set(draft);

export const clearDraft = (kind: RecordKind, url: string): Promise<void> => draftOf(kind, url).remove();
