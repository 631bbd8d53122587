/**
 * 佐证材料 as files: what may be uploaded to a list item, and the wire shape of an uploaded file
 * (`GET/POST /api/v1/campaigns/:id/items/:itemId/files`, server/evidence/README.md). The server
 * decides a file's type by its content; the extension uses these only to say the rule up front.
 */
import { z } from 'zod';
import { EVIDENCE_TYPES, type EvidenceFile } from './evidence-rules';

export * from './evidence-rules';

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
}) satisfies z.ZodType<EvidenceFile>;

export const EvidenceListSchema = z.object({ files: z.array(EvidenceFileSchema) });
export const EvidenceUploadSchema = z.object({ file: EvidenceFileSchema });
