/**
 * Files for the evidence tests, made here rather than checked in: a PDF, PNG and JPEG by their
 * signatures (padded to any size), real docx / xlsx zips (the parts Word and Excel look for), a zip
 * that is neither, and a Windows executable. Plus a campaign with a task assigned to a member.
 */
import JSZip from 'jszip';
import type { TestServer } from './server';

/** `%PDF-1.4` and a minimal body, padded with spaces to `size` bytes when asked. */
export function pdfBytes(size = 0, seed = ''): Buffer {
  const head = Buffer.from(`%PDF-1.4\n%${seed}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
  return size > head.length ? Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]) : head;
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export function pngBytes(): Buffer {
  return Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
    'hex',
  );
}

/** The start of a JPEG (SOI, APP0 JFIF) and an EOI: enough for the signature. */
export function jpgBytes(): Buffer {
  return Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
}

/** What a Windows .exe starts with. */
export function exeBytes(): Buffer {
  return Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200, 0x90)]);
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const docxBytes = (text = '整改报告') =>
  zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': `<w:document><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>` });

export const xlsxBytes = () => zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' });

/** A zip that is no Office document (an OpenDocument text, say). */
export const otherZipBytes = () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });

export interface EvidenceCampaign {
  campaignId: string;
  taskId: string;
  problemId: string;
  assignee: { id: string; token: string };
  /** A member of the campaign who is not the task's assignee. */
  member: { id: string; token: string };
  /** An item-less outsider: member of another campaign, assignee of a task there. */
  outsider: { id: string; token: string; campaignId: string; taskId: string };
  filesPath: (itemId?: string) => string;
}

/** What a task must name besides its title (责任领导, 责任部门, 整改目标, 完成时限). */
const FIVE_CLEAR = { responsibleLeader: '张书记', responsibleUnit: '化学学院', target: '台账齐全、专人管理', deadline: '2030-06-30' };

/** A campaign with a task assigned to one member, another member, and a second campaign with its own assignee. */
export async function seedEvidenceCampaign(t: TestServer): Promise<EvidenceCampaign> {
  const assignee = await t.createUser('王责任', '化学学院');
  const member = await t.createUser('李旁观', '化学学院');
  const outsider = await t.createUser('赵他院', '物理学院');
  const k = await t.api('POST', '/api/v1/campaigns', {
    body: { title: '佐证材料活动', template: 'grassroots', memberIds: [assignee.user.id, member.user.id] },
  });
  const campaignId = k.body.campaign.id as string;
  const problem = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '实验室安全台账不全' } });
  const task = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
    body: { list: 'task', title: '补齐实验室安全台账', sourceItemIds: [problem.body.item.id], assigneeId: assignee.user.id, ...FIVE_CLEAR },
  });
  const k2 = await t.api('POST', '/api/v1/campaigns', { body: { title: '另一个活动', template: 'grassroots', memberIds: [outsider.user.id] } });
  const p2 = await t.api('POST', `/api/v1/campaigns/${k2.body.campaign.id}/items`, { body: { list: 'problem', title: '他院问题' } });
  const t2 = await t.api('POST', `/api/v1/campaigns/${k2.body.campaign.id}/items`, {
    body: { list: 'task', title: '他院任务', sourceItemIds: [p2.body.item.id], assigneeId: outsider.user.id, ...FIVE_CLEAR },
  });
  if (task.status !== 201 || t2.status !== 201) throw new Error(`seed tasks: ${JSON.stringify(task.body)} ${JSON.stringify(t2.body)}`);
  return {
    campaignId,
    taskId: task.body.item.id,
    problemId: problem.body.item.id,
    assignee: { id: assignee.user.id, token: assignee.token },
    member: { id: member.user.id, token: member.token },
    outsider: { id: outsider.user.id, token: outsider.token, campaignId: k2.body.campaign.id, taskId: t2.body.item.id },
    filesPath: (itemId = task.body.item.id) => `/api/v1/campaigns/${campaignId}/items/${itemId}/files`,
  };
}

/** Uploads `bytes` raw with `?name=`; answers as `t.api` does. */
export function uploadRaw(t: TestServer, path: string, bytes: Uint8Array, name: string, token: string | null = t.adminToken) {
  return t.api('POST', `${path}?name=${encodeURIComponent(name)}`, { token, rawBody: bytes, headers: { 'content-type': 'application/octet-stream' } });
}
