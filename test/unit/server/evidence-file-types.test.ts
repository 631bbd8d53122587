import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxBytes, exeBytes, jpgBytes, otherZipBytes, pdfBytes, pngBytes, xlsxBytes } from '../../support/evidence-files';
import { displayName } from '../../../server/evidence/evidence';
import { detectEvidenceType, zipEntryNames } from '../../../server/evidence/file-types';

describe('detectEvidenceType: by content only', () => {
  it('knows the five allowed types by their bytes', async () => {
    expect(detectEvidenceType(pdfBytes())).toBe('pdf');
    expect(detectEvidenceType(pngBytes())).toBe('png');
    expect(detectEvidenceType(jpgBytes())).toBe('jpg');
    expect(detectEvidenceType(await docxBytes())).toBe('docx');
    expect(detectEvidenceType(await xlsxBytes())).toBe('xlsx');
  });

  it('refuses an executable, a zip that is no Office file, text, and empty or truncated input', async () => {
    expect(detectEvidenceType(exeBytes())).toBeNull();
    expect(detectEvidenceType(await otherZipBytes())).toBeNull();
    expect(detectEvidenceType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectEvidenceType(Buffer.alloc(0))).toBeNull();
    expect(detectEvidenceType(pngBytes().subarray(0, 10))).toBeNull();
    // A docx cut short: the local header is there, the central directory is not.
    const docx = await docxBytes();
    expect(detectEvidenceType(docx.subarray(0, docx.length - 30))).toBeNull();
  });

  it('does not take a zip for a docx because a file inside merely mentions word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'word/document.xml xl/workbook.xml');
    zip.file('word/document.xml.bak', '<x/>');
    expect(detectEvidenceType(await zip.generateAsync({ type: 'nodebuffer' }))).toBeNull();
  });

  it('reads the central directory of a zip with a comment, and refuses one whose directory points outside the file', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const withComment = await zip.generateAsync({ type: 'nodebuffer', comment: '由 WPS 生成' });
    expect(zipEntryNames(withComment)).toContain('xl/workbook.xml');
    expect(detectEvidenceType(withComment)).toBe('xlsx');
    const broken = Buffer.from(withComment);
    const eocd = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    broken.writeUInt32LE(0x7fffffff, eocd + 16);
    expect(zipEntryNames(broken)).toBeNull();
  });
});

describe('displayName', () => {
  it('keeps a plain name, and adds the real extension when the name claims another', () => {
    expect(displayName('整改报告.pdf', 'pdf')).toBe('整改报告.pdf');
    expect(displayName('现场照片.JPEG', 'jpg')).toBe('现场照片.JPEG');
    expect(displayName('照片.pdf', 'png')).toBe('照片.pdf.png');
    expect(displayName('报告', 'docx')).toBe('报告.docx');
  });

  it('drops paths, control and direction characters, and what Windows refuses in a name', () => {
    expect(displayName('C:\\Users\\王\\桌面\\台账.xlsx', 'xlsx')).toBe('台账.xlsx');
    expect(displayName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(displayName('a\u202Etxt.exe', 'pdf')).toBe('atxt.exe.pdf');
    expect(displayName('a"b<c>|?*.pdf', 'pdf')).toBe('a_b_c____.pdf');
    expect(displayName('\n\t  ', 'png')).toBe('佐证材料.png');
    expect(displayName('...', 'png')).toBe('佐证材料.png');
    expect(displayName('', 'jpg')).toBe('佐证材料.jpg');
  });

  it('bounds a long name, keeping its extension', () => {
    const name = displayName(`${'长'.repeat(500)}.pdf`, 'pdf');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
