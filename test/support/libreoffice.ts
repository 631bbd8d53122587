/**
 * Renders an exported file the way an official would see it printed: LibreOffice (headless, a
 * throwaway profile so runs never share state) converts it to PDF, and poppler's pdfinfo/pdftotext
 * read the pages back. Debian: libreoffice-calc-nogui, libreoffice-writer-nogui, fonts-noto-cjk,
 * poppler-utils (installed by .ci/run).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const sofficePath = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

export function libreOfficeAvailable(): boolean {
  return existsSync(sofficePath) && existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext');
}

export interface RenderedPdf {
  pages: number;
  /** Page size in points and whether it is landscape (from pdfinfo, first page). */
  widthPt: number;
  heightPt: number;
  landscape: boolean;
  /** The text of each page, layout preserved (pdftotext -layout). */
  pageTexts: string[];
  pdf: Buffer;
}

/** Converts `data` (an .xlsx or .docx) to PDF and reads it back. One LibreOffice process per call. */
export async function renderToPdf(data: Buffer | Uint8Array, extension: 'xlsx' | 'docx' | 'csv'): Promise<RenderedPdf> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-render-'));
  try {
    const input = path.join(dir, `export.${extension}`);
    writeFileSync(input, data);
    // A csv is read as UTF-8 with commas and quotes (as Excel reads our BOM-marked files), not in the locale's 8-bit encoding.
    const csvFilter = extension === 'csv' ? ['--infilter=Text - txt - csv (StarCalc):44,34,76,1'] : [];
    await run(
      sofficePath,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', ...csvFilter, '--convert-to', 'pdf', '--outdir', dir, input],
      { timeout: 120_000 },
    );
    const pdfPath = path.join(dir, 'export.pdf');
    const info = (await run('/usr/bin/pdfinfo', [pdfPath])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    const widthPt = Number(size?.[1] ?? 0);
    const heightPt = Number(size?.[2] ?? 0);
    const pageTexts: string[] = [];
    for (let p = 1; p <= pages; p++)
      pageTexts.push((await run('/usr/bin/pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdfPath, '-'], { maxBuffer: 64 << 20 })).stdout);
    return { pages, widthPt, heightPt, landscape: widthPt > heightPt, pageTexts, pdf: readFileSync(pdfPath) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A4 in points, either way round, within a point. */
export function isA4(pdf: Pick<RenderedPdf, 'widthPt' | 'heightPt'>): boolean {
  const [short, long] = [Math.min(pdf.widthPt, pdf.heightPt), Math.max(pdf.widthPt, pdf.heightPt)];
  return Math.abs(short - 595.3) < 2 && Math.abs(long - 841.9) < 2;
}
