import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on the first workbook read or written rather than when the server starts: importing
 * it costs about a second of start-up (several under load), paid by every process and test file that
 * never touches a spreadsheet.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
