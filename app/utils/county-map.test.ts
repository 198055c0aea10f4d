import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { CountyCoverageMap } from "~/components/monitor/Charts";
import { COUNTY_OUTLINES, countyMapOf } from "~/data/county-map.server";
import { buildCountyMap, coverageShade } from "./county-map";

const CHANGSHA = ["430102", "430103", "430104", "430105", "430111", "430112", "430121", "430181", "430182"];

describe("buildCountyMap", () => {
  it("draws every county of Changsha, each linked, coloured by its coverage", () => {
    const map = countyMapOf(
      "4301",
      [
        { code: "430121", name: "长沙县", published: 0, register: 13, congressVoted: true },
        { code: "430181", name: "浏阳市", published: 31, register: 31, congressVoted: false },
        { code: "430182", name: "宁乡市", published: 12, register: 25, congressVoted: false },
      ],
      (code) => `/counties/${code}`,
    );
    expect(map.counties.map((county) => county.code)).toEqual(CHANGSHA);
    expect(map.width).toBe(560);
    expect(map.height).toBeGreaterThan(100);
    const byCode = new Map(map.counties.map((county) => [county.code, county]));
    expect(byCode.get("430121")).toMatchObject({ shade: 0, published: 0, register: 13, coverage: 0, congressVoted: true, href: "/counties/430121" });
    expect(byCode.get("430181")!.congressVoted).toBe(false);
    expect(byCode.get("430181")).toMatchObject({ shade: 4, coverage: 1 });
    expect(byCode.get("430182")).toMatchObject({ shade: 1, name: "宁乡市" });
    // 芙蓉区 has no township: grey.
    expect(byCode.get("430102")).toMatchObject({ shade: null, coverage: null, register: 0 });
    for (const county of map.counties) expect(county.d).toMatch(/^M\d+,\d+l[-\d, lmz]+z$/);
    expect(map.unmapped).toEqual([]);
  });

  it("lists a county with townships but no outline beside the map", () => {
    const map = countyMapOf(
      "4306",
      [{ code: "430671", name: "岳阳市屈原管理区", published: 1, register: 3, congressVoted: false }],
      (code) => `/monitor/${code}`,
    );
    expect(map.unmapped).toEqual([
      { code: "430671", name: "岳阳市屈原管理区", published: 1, register: 3, congressVoted: false, coverage: 1 / 3, shade: 1, href: "/monitor/430671" },
    ]);
  });

  it("fits the province in the width, every path inside the frame", () => {
    const map = countyMapOf("43", [], String);
    expect(map.counties).toHaveLength(COUNTY_OUTLINES.length);
    const bytes = map.counties.reduce((sum, county) => sum + county.d.length, 0);
    expect(bytes).toBeLessThan(40_000);
    // Follow every path (absolute M, relative m and l, z back to the ring's start): all points inside the frame.
    for (const county of map.counties) {
      let [x, y, startX, startY] = [0, 0, 0, 0];
      for (const [, command, args] of county.d.matchAll(/([Mmlz])([^Mmlz]*)/g)) {
        const numbers = (args!.match(/-?\d+/g) ?? []).map(Number);
        if (command === "z") [x, y] = [startX, startY];
        for (let i = 0; i < numbers.length; i += 2) {
          [x, y] = command === "M" ? [numbers[i]!, numbers[i + 1]!] : [x + numbers[i]!, y + numbers[i + 1]!];
          if (command !== "l") [startX, startY] = [x, y];
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(map.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(map.height);
        }
      }
    }
  });

  it("writes whole-pixel relative paths, closing each ring back to its start", () => {
    const square = {
      code: "1",
      name: "a",
      polygons: [
        [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [1, 0],
            [0, 0],
          ],
        ],
      ] as Array<Array<Array<[number, number]>>>,
    };
    const far = {
      code: "2",
      name: "b",
      polygons: [
        [
          [
            [2, 0],
            [2, 1],
            [3, 1],
            [3, 0],
            [2, 0],
          ],
        ],
      ] as Array<Array<Array<[number, number]>>>,
    };
    const map = buildCountyMap([square, far], [], { width: 300, hrefOf: String });
    expect(map.counties[0]!.d).toMatch(/^M0,\d+l/);
    expect(map.counties[1]!.d).toMatch(/^M200,\d+l/);
  });

  it("puts the coverage share in five classes: below 25%, 50%, 75%, 100%, and all", () => {
    expect([0, 1, 2, 3, 4, 5, 7, 8].map((n) => coverageShade(n, 8))).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
    expect(coverageShade(0, 0)).toBeNull();
  });
});

describe("the map on the page", () => {
  it("is an SVG of county links with their figures, a legend and the same figures as a table", () => {
    const map = countyMapOf(
      "4301",
      [
        { code: "430121", name: "长沙县", published: 3, register: 13, congressVoted: false },
        { code: "430181", name: "浏阳市", published: 31, register: 31, congressVoted: true },
      ],
      (code) => `/counties/${code}`,
    );
    const markup = renderToStaticMarkup(createElement(CountyCoverageMap, { map, area: "长沙市" }));
    expect(markup).toContain('<a href="/counties/430121" class="map-county"><title>长沙县：已公告 3 / 13 乡镇</title><path d="M');
    // The county congress that voted is marked inside its outline, said in its title and in the table.
    const liuyang = map.counties.find((county) => county.code === "430181")!;
    expect(markup).toContain(
      `<title>浏阳市：已公告 31 / 31 乡镇；县级人大已公告票决结果</title><path d="${liuyang.d}" class="map-shade-4"></path><circle cx="${liuyang.centre[0]}"`,
    );
    expect(markup.match(/<circle cx="\d+" cy="\d+" r="4" class="map-congress">/g)).toHaveLength(2); // 浏阳市's and the legend's
    expect(markup).toMatch(/<a href="\/counties\/430181">浏阳市<\/a><\/th>(<td[^>]*>[^<]*<\/td>){4}<td>县级人大已公告票决结果<\/td>/);
    expect(markup).toContain('class="map-shade-0"');
    expect(markup).toContain("芙蓉区：无乡镇（仅有街道）");
    expect(markup).toContain('<th scope="row"><a href="/counties/430121">长沙县</a></th>');
    expect(markup).toContain("长沙市各县市区覆盖率地图");
    expect(markup).toContain("75%至不足100%");
  });
});
