import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';

/** Text is what people wrote (names, codes); numbers are figures the report computed. */
export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  header: string;
  align?: 'left' | 'right';
  weight?: number;
  /** Numbers in this column are written with this many decimals (money and hours: 2). */
  decimals?: number;
}

/** A report flattened for download: the same columns in CSV and PDF. */
export interface ReportTable {
  title: string;
  /** What the report covers, e.g. "2026-03-01 to 2026-03-31 (UTC)". */
  period: string;
  columns: ReportColumn[];
  rows: Array<Record<string, Cell>>;
  /** Shown last and set in bold in the PDF; the last CSV line. */
  totals?: Record<string, Cell>;
}

function cellText(value: Cell | undefined, column: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return column.decimals === undefined ? String(value) : value.toFixed(column.decimals);
  return value;
}

// OWASP (CSV injection): a cell starting with = + - @ tab or carriage return may run as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell: text starting like a formula gets a leading apostrophe, whatever follows (so
 * `-2+3+cmd|' /C calc'!A0` stays text). Numbers are never text: a figure such as -12.50 is
 * written as the number it is, for spreadsheets to add up.
 */
export function csvCell(value: Cell | undefined, column: ReportColumn): string {
  const text = cellText(value, column);
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV with a header line; totals, when present, are the last line. */
export function toCsv(table: ReportTable): string {
  const records = [...table.rows, ...(table.totals ? [table.totals] : [])].map((row) =>
    table.columns.map((column) => csvCell(row[column.key], column)),
  );
  const headers = table.columns.map((column) => csvCell(column.header, column));
  return stringify([headers, ...records]);
}

const MARGIN = 40;
const ROW_HEIGHT = 18;
const FONT_SIZE = 8;
const FOOTER_SPACE = 30;

/**
 * A landscape A4 document in PDF's built-in Helvetica: title, period, a table whose header repeats
 * on every page, totals in bold, and "Page n of m" on each page.
 */
export function toPdf(table: ReportTable, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: table.title, Author: 'CareTracker', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const totalWeight = table.columns.reduce((sum, column) => sum + (column.weight ?? 1), 0);
  const widths = table.columns.map((column) => (width * (column.weight ?? 1)) / totalWeight);
  const bottom = () => doc.page.height - MARGIN - FOOTER_SPACE;

  const fit = (text: string, cellWidth: number) => {
    if (doc.widthOfString(text) <= cellWidth) return text;
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > cellWidth) cut = cut.slice(0, -1);
    return `${cut}…`;
  };
  const drawRow = (cells: string[], y: number, font: 'Helvetica' | 'Helvetica-Bold', shade: boolean) => {
    if (shade) doc.rect(MARGIN, y, width, ROW_HEIGHT).fill('#e8eef5').fillColor('black');
    doc.font(font).fontSize(FONT_SIZE);
    let x = MARGIN;
    cells.forEach((text, i) => {
      const cellWidth = (widths[i] ?? 0) - 6;
      doc.text(fit(text, cellWidth), x + 3, y + 5, {
        width: cellWidth,
        align: table.columns[i]?.align ?? 'left',
        lineBreak: false,
      });
      x += widths[i] ?? 0;
    });
    doc
      .moveTo(MARGIN, y + ROW_HEIGHT)
      .lineTo(MARGIN + width, y + ROW_HEIGHT)
      .lineWidth(0.3)
      .stroke('#b0b8c0');
    return y + ROW_HEIGHT;
  };
  const header = table.columns.map((column) => column.header);

  doc.font('Helvetica-Bold').fontSize(16).text(table.title, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(10).text(`Period: ${table.period}`);
  doc.fontSize(8).fillColor('#555555').text(`Generated ${generatedAt.toISOString()}`).fillColor('black');
  let y = drawRow(header, doc.y + 10, 'Helvetica-Bold', true);
  if (table.rows.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(FONT_SIZE)
      .text('No records in this period.', MARGIN + 3, y + 5);
    y += ROW_HEIGHT;
  }
  const body = [
    ...table.rows.map((row) => ({ row, bold: false })),
    ...(table.totals ? [{ row: table.totals, bold: true }] : []),
  ];
  for (const { row, bold } of body) {
    if (y + ROW_HEIGHT > bottom()) {
      doc.addPage();
      y = drawRow(header, MARGIN, 'Helvetica-Bold', true);
    }
    const cells = table.columns.map((column) => cellText(row[column.key], column));
    y = drawRow(cells, y, bold ? 'Helvetica-Bold' : 'Helvetica', false);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}
