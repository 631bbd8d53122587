/**
 * Unsaved form input, kept in extension storage per kind and page so it survives navigation,
 * reloads and closing the sidebar. The hash is kept: on hash-routed OA apps it names the document.
 */
import { browser } from 'wxt/browser';
import type { RecordKind } from '../../shared/model/record';
import { DRAFT_PREFIX } from '../storage/user-data';

export interface Draft {
  values: Record<string, string>;
  quote: string;
  savedAt: number;
}

const keyOf = (kind: RecordKind, url: string) => `${DRAFT_PREFIX}${kind}:${url}`;

export async function loadDraft(kind: RecordKind, url: string): Promise<Draft | null> {
  const key = keyOf(kind, url);
  return ((await browser.storage.local.get(key))[key] as Draft | undefined) ?? null;
}

export async function saveDraft(kind: RecordKind, url: string, draft: Draft): Promise<void> {
  await browser.storage.local.set({ [keyOf(kind, url)]: draft });
}

export async function clearDraft(kind: RecordKind, url: string): Promise<void> {
  await browser.storage.local.remove(keyOf(kind, url));
}
