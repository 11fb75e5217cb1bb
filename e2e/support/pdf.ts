import type { Page } from 'playwright-core';

/** Each page's size in PostScript points, from the PDF's /MediaBox entries. */
export function pageSizes(pdf: Buffer): [number, number][] {
  const boxes = pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g);
  return [...boxes].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

/** What the printer gets from a print page: the toolbar hidden, and an A4 PDF (595.28 × 841.89 points). */
export async function printToA4Pdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  if (await page.getByTestId('print-toolbar').isVisible()) throw new Error('the print toolbar shows in print');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  const sizes = pageSizes(pdf);
  if (sizes.length === 0 || sizes.some(([w, h]) => w !== 595 || h !== 842)) throw new Error(`pages not A4: ${JSON.stringify(sizes)}`);
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}
