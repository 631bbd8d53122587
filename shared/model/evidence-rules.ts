/**
 * The 佐证材料 upload rule as plain constants, without zod, so the sidebar's first paint (the task
 * card's upload control) does not load the schema library; `evidence-file.ts` re-exports them.
 */
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

/** A file as the API answers it (`EvidenceFileSchema` in evidence-file.ts checks it on the wire). */
export interface EvidenceFile {
  id: string;
  campaignId: string;
  itemId: string;
  /** The display name, sanitised (no path, no control characters), ending in the type's extension. */
  name: string;
  type: EvidenceType;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

/** 1.2 MB / 350 KB, as a person reads a size. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} 字节`;
}
