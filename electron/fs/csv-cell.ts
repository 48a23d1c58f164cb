/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
 * (and, in some, a tab or carriage return) as a formula. Exports carry text from outside (an SMTP reply,
 * an IMAP folder name, an imported seed address), so every text cell of every CSV export starting with
 * one of them is written with a leading `'`, which spreadsheets show as text and do not display.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutralizeCsvCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** The `cast` option of csv-stringify that neutralises every text cell (numbers and booleans are never formulas). */
export const neutralizingCast = { string: neutralizeCsvCell };

/** Reading back a CSV Mailbench wrote: the `'` it put before a formula character is taken off again. */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}
