/** The renderer the export tests lean on: a csv goes through LibreOffice to a PDF whose text and page size are read back. */
import { describe, expect, it } from 'vitest';
import { inCI } from '../support/paths';
import { libreOfficeAvailable, renderToPdf } from '../support/libreoffice';

describe.runIf(libreOfficeAvailable() || inCI)('rendering an export to PDF', () => {
  it('reads back the pages, their size and their text, Chinese included', async () => {
    const csv = Buffer.from('\uFEFF序号,问题描述\n1,宿舍热水供应时间短\n', 'utf8');
    const pdf = await renderToPdf(csv, 'csv');
    expect(pdf.pages).toBe(1);
    expect(pdf.widthPt).toBeGreaterThan(500);
    expect(pdf.pageTexts[0]).toContain('宿舍热水供应时间短');
  });
});
