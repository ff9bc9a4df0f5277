import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';

/**
 * Reads a bank statement file row by row, never whole: CSV through
 * csv-parse's stream, XLSX through exceljs's streaming reader. Memory stays
 * bounded by a row, whatever the file's length.
 */

/** A cell as read: text, a number (XLSX), or a date (XLSX date cells). */
export type Cell = string | number | Date | null;

/** One row of the file, numbered from 1 as a spreadsheet shows it. */
export interface FileRow {
  number: number;
  cells: Cell[];
}

export type StatementFormat = 'csv' | 'xlsx';

const fileError = (message: string) => new AppError('import_failed', message, [{ field: 'file', message }]);

/** The first bytes of a file, without reading the rest. */
export function readFirstBytes(file: string, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Tells the format by the file's first bytes, never by its name: a ZIP is XLSX, text is CSV. */
export function detectFormat(head: Buffer): StatementFormat {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileError('Tệp Excel 97–2003 (.xls) chưa đọc được: hãy mở bằng Excel và lưu lại thành .xlsx hoặc .csv.');
  }
  if (head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe)) throw fileError('Tệp không phải bảng tính CSV hay XLSX.');
  return 'csv';
}

/** Counts the bytes that go through, for progress. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Decodes UTF-8 (refusing bytes that are not, such as a Windows code page) or UTF-16LE with its BOM. */
class TextDecoding extends Transform {
  private decoder: TextDecoder | null = null;
  constructor() {
    super({ decodeStrings: true });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.decoder) this.decoder = new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8', { fatal: true });
    try {
      done(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      done(fileError('Tệp CSV không phải mã UTF-8: hãy xuất lại từ ngân hàng hoặc lưu lại bằng Excel dạng "CSV UTF-8".'));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder?.decode() ?? '');
    } catch {
      done(fileError('Tệp CSV bị cắt ngang giữa một ký tự.'));
    }
  }
}

/** The delimiter of a CSV: the one of , ; and tab that splits one of its first lines the most. */
export function sniffDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 40);
  let best = ',';
  let bestCount = 0;
  for (const delimiter of [',', ';', '\t']) {
    const count = Math.max(0, ...lines.map((l) => l.split(delimiter).length - 1));
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** An exceljs cell value as text, number or date. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

/** A statement file being read: its rows, and how far into the file reading has come. */
export interface StatementReader {
  rows: AsyncIterable<FileRow>;
  bytesRead(): number;
  close(): void;
}

/** Opens a statement file for reading, row by row, from its first row. */
export function openStatement(file: string, format: StatementFormat): StatementReader {
  const input = fs.createReadStream(file);
  const counter = new ByteCounter();
  const source = input.pipe(counter);
  input.on('error', (error) => counter.destroy(error));
  return { rows: format === 'xlsx' ? xlsxRows(source) : csvRows(file, source), bytesRead: () => counter.bytes, close: () => input.destroy() };
}

async function* csvRows(file: string, source: NodeJS.ReadableStream): AsyncIterable<FileRow> {
  const head = readFirstBytes(file, 64 * 1024);
  const sample = head[0] === 0xff && head[1] === 0xfe ? new TextDecoder('utf-16le').decode(head) : head.toString('utf8');
  const parser = source
    .pipe(new TextDecoding())
    .pipe(parseCsv({ delimiter: sniffDelimiter(sample), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true }));
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number += 1;
      yield { number, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const line = (error as { lines?: number }).lines;
    throw fileError(`Tệp CSV bị lỗi cấu trúc${line ? ` ở dòng ${line}` : ''}: ${(error as Error).message}`);
  }
}

async function* xlsxRows(source: NodeJS.ReadableStream): AsyncIterable<FileRow> {
  // exceljs is loaded when a workbook is read, so commands that never read one do not carry it in memory.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(source as unknown as import('node:stream').Stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    // The statement is the first sheet.
    for await (const sheet of reader) {
      let number = 0;
      for await (const row of sheet) {
        // Rows left empty in the sheet are not in the file: keep the numbering the spreadsheet shows.
        while (number + 1 < row.number) yield { number: ++number, cells: [] };
        number = row.number;
        const values = row.values as ExcelJS.CellValue[];
        yield { number, cells: values.slice(1).map(cellOf) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError(`Tệp XLSX bị hỏng hoặc không đọc được: ${(error as Error).message}`);
  }
}

/** The first rows of a statement, for finding its header and showing a preview. */
export async function readHead(file: string, format: StatementFormat, count: number): Promise<FileRow[]> {
  const reader = openStatement(file, format);
  const rows: FileRow[] = [];
  try {
    for await (const row of reader.rows) {
      rows.push(row);
      if (rows.length >= count) break;
    }
  } finally {
    reader.close();
  }
  return rows;
}

/** A cell as text, for headers and previews: dates dd/mm/yyyy, numbers as digits. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return `${String(cell.getUTCDate()).padStart(2, '0')}/${String(cell.getUTCMonth() + 1).padStart(2, '0')}/${cell.getUTCFullYear()}`;
  return String(cell).trim();
}
