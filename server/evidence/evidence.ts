/**
 * 佐证材料 as files on a list item: upload, list, download and (soft) delete, for the API
 * (server/api/evidence.ts) and the office console alike. Rules (README.md here):
 *
 * - Who: the office (role admin) and the item's assignee while a member of the campaign. Anyone
 *   else gets the same 404 as for an item that does not exist, so nothing tells them it does.
 * - What: pdf, jpg, png, docx, xlsx by content (file-types.ts), at most 20 MB, within the
 *   uploader's and the campaign's file quotas.
 * - When: not on a closed (销号) item: adding or deleting is refused with 409, like every other
 *   edit of it; its files can still be listed and downloaded.
 * - Every upload and delete is audited (`evidence.upload`, `evidence.delete`, entity: the item).
 */
import { Readable } from 'node:stream';
import { EVIDENCE_MIME, EVIDENCE_RULE, type EvidenceFile, type EvidenceType } from '../../shared/model/evidence-file';
import { cleanText } from '../../shared/text-rules';
import { writeAudit } from '../audit/audit-log';
import { ApiError } from '../http/errors';
import { fileQuotaProblem, type Quotas } from '../quotas/quotas';
import { sha256Of } from '../store/blobs';
import { newId } from '../store/new-id';
import type { CampaignDoc, FileDoc, ItemDoc, ReadView, Store, UserDoc } from '../store/store';
import { detectEvidenceType } from './file-types';
import { readUpload, UploadSlots, type Upload } from './upload-body';

export interface EvidenceContext {
  store: Store;
  quotas: Quotas;
  actor: UserDoc;
  now: Date;
}

/** Said for a missing item, a missing campaign and one the caller may not see alike. */
const notFound = () => new ApiError(404, 'not_found', '清单事项不存在，或你无权查看它的佐证材料');
const closedItem = () => new ApiError(409, 'conflict', '该事项已销号，不能再添加或删除佐证材料');

/** Whether this person may see the item's files (and, unless it is closed, change them). */
export function canReachItem(user: UserDoc, campaign: CampaignDoc, item: ItemDoc): boolean {
  if (item.campaignId !== campaign.id) return false;
  if (user.role === 'admin') return true;
  return item.assigneeId === user.id && campaign.memberIds.includes(user.id);
}

/** The campaign and item if the caller may reach them; the one 404 otherwise. */
export async function reachItem(view: ReadView, user: UserDoc, campaignId: string, itemId: string): Promise<{ campaign: CampaignDoc; item: ItemDoc }> {
  const [campaign, item] = await Promise.all([view.get('campaigns', campaignId), view.get('items', itemId)]);
  if (!campaign || !item || !canReachItem(user, campaign, item)) throw notFound();
  return { campaign, item };
}

/** The wire shape: no seq, no deletion bookkeeping. */
export function toEvidenceFile(doc: FileDoc): EvidenceFile {
  return {
    id: doc.id,
    campaignId: doc.campaignId,
    itemId: doc.itemId,
    name: doc.name,
    type: doc.type,
    size: doc.size,
    sha256: doc.sha256,
    uploadedBy: doc.uploadedBy,
    createdAt: doc.createdAt,
  };
}

const EXTENSION_OF: Record<EvidenceType, string> = { pdf: 'pdf', jpg: 'jpg', png: 'png', docx: 'docx', xlsx: 'xlsx' };
const MAX_NAME = 120;

/**
 * The name shown and offered on download: the last path segment only, no control or direction
 * characters, none of the characters Windows refuses in a file name, bounded, and ending in the
 * extension of what the file really is (`照片.pdf` that is a PNG becomes `照片.pdf.png`).
 */
export function displayName(raw: string, type: EvidenceType): string {
  const ext = EXTENSION_OF[type];
  let name = cleanText(raw)
    .split(/[/\\]/)
    .pop()!
    .replace(/\s+/g, ' ')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .trim()
    .replace(/^\.+/, '');
  const own = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const matches = own === ext || (type === 'jpg' && own === 'jpeg');
  let stem = matches ? name.slice(0, name.length - own!.length - 1) : name;
  if (stem.trim() === '') stem = '佐证材料';
  const suffix = matches ? name.slice(stem.length) : `.${ext}`;
  // Bounded by code points, so a cut never splits a character.
  const chars = [...stem];
  if (chars.length + suffix.length > MAX_NAME) stem = chars.slice(0, MAX_NAME - suffix.length).join('');
  name = `${stem}${suffix}`;
  return name;
}

/** The item's files that are not deleted, oldest first. */
/** Upload order: the time, then the store's write order (two uploads in one millisecond keep theirs; ids are random). */
export const byUpload = (a: Pick<FileDoc, 'createdAt' | 'seq'>, b: Pick<FileDoc, 'createdAt' | 'seq'>) =>
  a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq;

export async function listEvidence(view: ReadView, user: UserDoc, campaignId: string, itemId: string): Promise<EvidenceFile[]> {
  const { item } = await reachItem(view, user, campaignId, itemId);
  const docs = await view.find('files', { itemId: item.id });
  return docs
    .filter((f) => !f.deletedAt && f.campaignId === campaignId)
    .sort(byUpload)
    .map(toEvidenceFile);
}

/** Every campaign item's evidence file names (not deleted), in upload order: for exports and the console's lists. */
export async function evidenceNamesByItem(view: ReadView, campaignId: string): Promise<Map<string, string[]>> {
  const docs = (await view.find('files', { campaignId })).filter((f) => !f.deletedAt);
  docs.sort(byUpload);
  const names = new Map<string, string[]>();
  for (const f of docs) names.set(f.itemId, [...(names.get(f.itemId) ?? []), f.name]);
  return names;
}

/**
 * Stores an upload on the item: the type by content, the quotas, then the blob (durable) and the
 * document with its audit entry in one transaction. A refusal stores nothing: every check that can
 * be made before the blob is made before it, and again inside the transaction (the one that counts).
 */
export async function uploadEvidence(ctx: EvidenceContext, campaignId: string, itemId: string, upload: Upload): Promise<EvidenceFile> {
  const { store, actor } = ctx;
  const { campaign, item: before } = await reachItem(store, actor, campaignId, itemId);
  if (before.status === 'closed') throw closedItem();
  const type = detectEvidenceType(upload.bytes);
  if (!type) throw new ApiError(400, 'unsupported_type', `不支持这种文件：${EVIDENCE_RULE}（按文件内容判断，与文件名无关）`, 'file');
  const name = displayName(upload.name, type);
  // The hash the blob will have, so the quota check (which counts each content once) is exact.
  const sized = { sha256: sha256Of(upload.bytes), size: upload.bytes.byteLength };
  const early = await fileQuotaProblem(store, ctx.quotas, actor, campaign.id, sized);
  if (early) throw new ApiError(413, early.code, early.message);

  const blob = await store.putBlob(upload.bytes);
  const at = ctx.now.toISOString();
  const doc = await store.transact(async (tx) => {
    // Judged again as of this transaction: the item may have been closed or reassigned meanwhile.
    const { campaign: now, item } = await reachItem(tx, actor, campaignId, itemId);
    if (item.status === 'closed') throw closedItem();
    const problem = await fileQuotaProblem(tx, ctx.quotas, actor, now.id, blob);
    if (problem) throw new ApiError(413, problem.code, problem.message);
    const stored = await tx.put('files', {
      id: newId('f'),
      campaignId: now.id,
      itemId: item.id,
      name,
      type,
      size: blob.size,
      sha256: blob.sha256,
      uploadedBy: actor.id,
      createdAt: at,
      deletedAt: null,
      deletedBy: null,
    });
    await writeAudit(tx, { actorId: actor.id, campaignId: now.id, action: 'evidence.upload', entityId: item.id, after: toEvidenceFile(stored) }, at);
    return stored;
  });
  return toEvidenceFile(doc);
}

/**
 * Marks a file deleted (the bytes stay, for the audit trail). The office may delete any of an
 * item's files; an assignee only those they uploaded. Not on a closed item.
 */
export async function deleteEvidence(ctx: EvidenceContext, campaignId: string, itemId: string, fileId: string): Promise<EvidenceFile> {
  const { store, actor } = ctx;
  const at = ctx.now.toISOString();
  const doc = await store.transact(async (tx) => {
    const { item } = await reachItem(tx, actor, campaignId, itemId);
    const file = await tx.get('files', fileId);
    if (!file || file.itemId !== item.id || file.campaignId !== campaignId || file.deletedAt) {
      throw new ApiError(404, 'not_found', '佐证材料不存在或已删除');
    }
    if (item.status === 'closed') throw closedItem();
    if (actor.role !== 'admin' && file.uploadedBy !== actor.id) throw new ApiError(403, 'forbidden', '只能删除自己上传的佐证材料');
    const { seq: _seq, ...rest } = file;
    const stored = await tx.put('files', { ...rest, deletedAt: at, deletedBy: actor.id });
    await writeAudit(tx, { actorId: actor.id, campaignId, action: 'evidence.delete', entityId: item.id, before: toEvidenceFile(file) }, at);
    return stored;
  });
  return toEvidenceFile(doc);
}

/** A file's metadata and bytes for download; the same 404 for a missing, deleted or unreachable one. */
export async function openEvidence(
  store: Store,
  user: UserDoc,
  campaignId: string,
  itemId: string,
  fileId: string,
): Promise<{ file: EvidenceFile; stream: Readable }> {
  const { item } = await reachItem(store, user, campaignId, itemId);
  const file = await store.get('files', fileId);
  if (!file || file.itemId !== item.id || file.campaignId !== campaignId || file.deletedAt) throw new ApiError(404, 'not_found', '佐证材料不存在或已删除');
  const stream = await store.getBlob(file.sha256);
  if (!stream) {
    console.error(`[evidence] 文件 ${file.id} 的内容 ${file.sha256} 不在存储中`);
    throw new ApiError(404, 'not_found', '佐证材料的内容已丢失，请重新上传');
  }
  return { file: toEvidenceFile(file), stream };
}

/** `filename*` per RFC 5987 (UTF-8, percent-encoded, including the characters encodeURIComponent leaves). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII stand-in for clients that ignore `filename*`: non-ASCII, quotes and backslashes become `_`. */
function asciiName(file: EvidenceFile): string {
  const plain = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return /[A-Za-z0-9]/.test(plain.replace(/\.[a-z]+$/, '')) ? plain : `evidence-${file.id}.${EXTENSION_OF[file.type]}`;
}

/**
 * The download: always an attachment (a PDF or an image is never shown in the API's origin), its
 * real type, `nosniff`, a sandboxing CSP in case a browser renders it anyway, and not cached.
 */
export function evidenceResponse(file: EvidenceFile, stream: Readable): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'content-type': EVIDENCE_MIME[file.type],
      'content-length': String(file.size),
      'content-disposition': `attachment; filename="${asciiName(file)}"; filename*=UTF-8''${rfc5987(file.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
}

/** In-process bound on uploads held in memory at once (upload-body.ts). */
const slots = new UploadSlots();

export interface ReceiveOptions {
  /** The file's name for a raw body (`?name=`); a multipart form names its file itself. */
  name?: string;
  /**
   * Called with the form's other text fields after the bounded read and before anything is stored;
   * throw to refuse (the console checks its `_csrf` here, as its middleware cannot parse the form first).
   */
  check?: (fields: Record<string, string>) => void | Promise<void>;
}

/**
 * The whole of an upload from an HTTP request — raw body with `?name=`, or a multipart form with the
 * field `file` — checked for access before a byte of the body is read. What the console's upload form calls too.
 */
export async function receiveEvidence(
  ctx: EvidenceContext,
  campaignId: string,
  itemId: string,
  request: Request,
  opts: ReceiveOptions = {},
): Promise<EvidenceFile> {
  const { item } = await reachItem(ctx.store, ctx.actor, campaignId, itemId);
  if (item.status === 'closed') throw closedItem();
  return slots.run(async () => {
    const upload = await readUpload(request, { name: opts.name });
    await opts.check?.(upload.fields);
    return uploadEvidence(ctx, campaignId, itemId, upload);
  });
}
