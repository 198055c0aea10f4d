/**
 * A QR code as a small SVG: each row's dark runs as strokes one module wide, one unit per module.
 * uqr's own renderSVG draws every module as its own 10-unit square (10.5 KB for a sign-in card's
 * address); this is about a sixth of that, which matters for a print run of 450 cards in one page.
 */
import { encode } from "uqr";

/** `text` as a QR code (error correction M, a quiet zone of 2 modules), scaled by its container. */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: "M", border: 2 });
  let path = "";
  for (const [y, row] of data.entries()) {
    let pen: number | null = null; // where the last run of this row ended
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (x + 1 < size && row[x + 1]) x++;
      path += pen === null ? `M${start} ${y}.5` : `m${start - pen} 0`;
      path += `h${x - start + 1}`;
      pen = x + 1;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect fill="white" width="${size}" height="${size}"/><path stroke="black" d="${path}"/></svg>`;
}
