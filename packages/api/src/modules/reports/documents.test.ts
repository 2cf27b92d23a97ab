import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, type ReportColumn, toCsv } from './documents';

const text: ReportColumn = { key: 'name', header: 'Name' };
const money: ReportColumn = { key: 'amount', header: 'Amount', decimals: 2 };

describe('CSV cells (OWASP CSV injection)', () => {
  it('text starting with = + - @ tab or carriage return gets a leading apostrophe, whatever follows', () => {
    for (const value of [
      "-2+3+cmd|' /C calc'!A0",
      '-1',
      '=HYPERLINK("http://evil.example","x")',
      '+1',
      '@SUM(1+1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(csvCell(value, text), JSON.stringify(value)).toBe(`'${value}`);
    }
  });

  it('other text is written as it is', () => {
    for (const value of ['Adams', '2019-03-04', 'a=b', ' -1', "O'Brien", '']) expect(csvCell(value, text)).toBe(value);
  });

  it('numbers are figures, never text: negative amounts stay numbers, with the column’s decimals', () => {
    expect(csvCell(-12.5, money)).toBe('-12.50');
    expect(csvCell(-3, text)).toBe('-3');
    expect(csvCell(0.75, money)).toBe('0.75');
    expect(csvCell(null, money)).toBe('');
  });

  it('the whole file: header, rows and totals, quoted by RFC 4180', () => {
    const csv = toCsv({
      title: 'T',
      period: 'P',
      columns: [text, money],
      rows: [{ name: "-2+3+cmd|' /C calc'!A0", amount: -12.5 }],
      totals: { name: 'Total', amount: -12.5 },
    });
    expect(parse(csv)).toEqual([
      ['Name', 'Amount'],
      ["'-2+3+cmd|' /C calc'!A0", '-12.50'],
      ['Total', '-12.50'],
    ]);
  });
});
