/**
 * 佐证材料 files for the sidebar's task cards: the background holds the token, so it lists an
 * item's files and uploads one (as a multipart form, field `file`) on the sidebar's behalf. The
 * server judges the file (type by content, 20 MB, quotas, access); its Chinese refusal is passed on.
 */
import { EVIDENCE_MAX_BYTES, EVIDENCE_RULE, EvidenceListSchema, EvidenceUploadSchema, type EvidenceFile } from '../../shared/model/evidence-file';
import { getSettings } from '../settings/settings';
import { askServer, TransportError } from '../sync/transport';

export async function listEvidenceFiles(campaignId: string, itemId: string): Promise<EvidenceFile[]> {
  const reply = await askServer(
    await getSettings(),
    (api) => api.campaigns[':id'].items[':itemId'].files.$get({ param: { id: campaignId, itemId } }),
    EvidenceListSchema,
  );
  return reply.files;
}

/** Bytes from the base64 the sidebar sent (runtime messages carry JSON, not binary). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function uploadEvidenceFile(campaignId: string, itemId: string, name: string, base64: string): Promise<EvidenceFile> {
  const bytes = bytesOfBase64(base64);
  if (bytes.byteLength === 0) throw new TransportError('config', `所选文件是空的。${EVIDENCE_RULE}`);
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) throw new TransportError('config', `文件过大：${EVIDENCE_RULE}`);
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const reply = await askServer(
    await getSettings(),
    // The route reads its own body; the form goes as `init.body` (fetch sets the multipart boundary).
    (api) => api.campaigns[':id'].items[':itemId'].files.$post({ param: { id: campaignId, itemId } }, { init: { body: form } }),
    EvidenceUploadSchema,
  );
  return reply.file;
}
