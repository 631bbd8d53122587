/**
 * 佐证材料 as files: what may be uploaded to a list item, and the wire shape of an uploaded file
 * (`GET/POST /api/v1/campaigns/:id/items/:itemId/files`, server/evidence/README.md). The server
 * decides a file's type by its content; the extension uses these only to say the rule up front.
 */
import { z } from 'zod';

export const EVIDENCE_TYPES = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** Each uploaded file at most this many bytes (20 MB). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_MIME: Record<EvidenceType, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The rule in the words every refusal and every upload control uses. */
export const EVIDENCE_RULE = '可上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件，每个不超过 20 MB';

/** For an `<input type=file accept>`: a hint to the picker only; the server checks the content. */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

export const EvidenceFileSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  itemId: z.string(),
  name: z.string(),
  type: z.enum(EVIDENCE_TYPES),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const EvidenceListSchema = z.object({ files: z.array(EvidenceFileSchema) });
export const EvidenceUploadSchema = z.object({ file: EvidenceFileSchema });

/** 1.2 MB / 350 KB, as a person reads a size. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} 字节`;
}
