import { encode, renderSVG } from "uqr";
import { describe, expect, it } from "vitest";
import { qrSvg } from "./qr";

/** The modules a path of one-module strokes covers ("M x y.5" a row's first run, "m dx 0" the next, "h w" a run), as "x,y". */
function modulesOf(svg: string): Set<string> {
  const dark = new Set<string>();
  let [x, y] = [0, 0];
  for (const [, command, a, b] of svg.matchAll(/([Mmh])(\d+)(?: (\d+)(?:\.5)?)?/g)) {
    if (command === "M") [x, y] = [Number(a), Number(b)];
    else if (command === "m") x += Number(a);
    else for (let i = 0; i < Number(a); i++, x++) dark.add(`${x},${y}`);
  }
  return dark;
}

describe("qrSvg", () => {
  const text = "http://192.168.1.10:3000/vote?code=ABCD-EFGH-JK";

  it("draws exactly the dark modules of the code, with its quiet zone", () => {
    const { data, size } = encode(text, { ecc: "M", border: 2 });
    const expected = new Set(data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`${x},${y}`] : []))));
    const svg = qrSvg(text);
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(modulesOf(svg)).toEqual(expected);
  });

  it("is a fraction of uqr's own rendering", () => {
    expect(qrSvg(text).length).toBeLessThan(renderSVG(text, { ecc: "M", border: 2 }).length / 4);
  });
});
