/**
 * Files the app hands out: CSV written one way (defused, for Excel on Chinese Windows), and one
 * attachment response for every download.
 */

export type CsvCell = string | number | null;

/** A number typed as text ("-3", "12.5%") starts with a sign but runs nothing in a spreadsheet. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?%?$/;

/**
 * One cell as RFC 4180 wants it, and defused: text a clerk typed as "=HYPERLINK(…)" or
 * "=cmd|' /C calc'!A0" must stay text when the file is opened in a spreadsheet (CSV injection),
 * so text starting with = + - @ or a tab or carriage return gets a leading '.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file: a byte-order mark and CRLF line ends — without the BOM, Excel on Chinese
 * Windows reads UTF-8 as GBK and shows mojibake.
 */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * A download: its Chinese file name for browsers that read `filename*`, an ASCII one for the rest.
 * `cache`: "private, no-store" for what only staff may see (the default), or a public max-age.
 */
export function download(body: string | Uint8Array, file: { type: keyof typeof TYPES; name: string; asciiName: string; cache?: string }): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": TYPES[file.type],
      "Content-Disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": file.cache ?? "private, no-store",
    },
  });
}
