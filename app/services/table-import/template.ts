/** The import templates offices download, for every kind of table. */

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV template: its header and example rows. It starts with a BOM and uses CRLF: without the
 * BOM, Excel on Chinese Windows opens UTF-8 as GBK and shows mojibake.
 */
export function templateCsv(rows: Array<Array<string | number>>): string {
  return "\uFEFF" + rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
