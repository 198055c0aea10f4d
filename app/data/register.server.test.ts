import { describe, expect, it } from "vitest";
import { readRegisterFile } from "../../prisma/setup";
import { cityOverview, countyWithTownships, insertMissingRegisterRows, provinceOverview } from "./register.server";
import { prisma } from "./sqlite.server";

describe("register repository (real SQLite copy of the seeded register)", () => {
  it("counts the province: 14 cities, 122 counties, 12 management zones, 1,522 townships", async () => {
    const { province, cities } = await provinceOverview();
    expect(cities).toHaveLength(14);
    expect(province.counties).toBe(122);
    expect(province.managementZones).toBe(12);
    expect(province.townships).toBe(1522);
    expect(cities.reduce((sum, city) => sum + city.townships, 0)).toBe(1522);
  });

  it("lists a city's counties and a county's townships with their codes", async () => {
    const changsha = await cityOverview("4301");
    expect(changsha?.city.name).toBe("长沙市");
    expect(changsha?.counties.map((county) => county.name)).toContain("长沙县");

    const county = await countyWithTownships("430121");
    expect(county?.townships.length).toBeGreaterThan(0);
    for (const township of county!.townships) {
      expect(township.code).toMatch(/^430121[1-3]\d\d$/);
      expect(["镇", "乡", "民族乡"]).toContain(township.kind);
    }
  });

  it("answers null for an unknown area", async () => {
    expect(await cityOverview("9999")).toBeNull();
    expect(await countyWithTownships("999999")).toBeNull();
  });

  it("holds each county congress's estimated population and quota, none for a management zone", async () => {
    const figures = (code: string) => prisma.county.findUnique({ where: { code }, select: { populationEstimate: true, deputyQuota: true, seatedDeputies: true } });
    const changsha = await figures("430121");
    expect(changsha!.deputyQuota).toBeGreaterThanOrEqual(140);
    expect(changsha!.seatedDeputies).toBe(changsha!.deputyQuota);
    expect(await figures("430371")).toEqual({ populationEstimate: null, deputyQuota: null, seatedDeputies: null });
  });

  it("gives a county from before the county figures its quota once, and keeps what an administrator set", async () => {
    const register = readRegisterFile();
    await prisma.county.update({ where: { code: "430181" }, data: { populationEstimate: null, deputyQuota: null, seatedDeputies: null } });
    expect(await insertMissingRegisterRows(register)).toEqual({ cities: 0, counties: 0, townships: 0 });
    const liuyang = register.cities[0]!.counties.find((county) => county.code === "430181")!.congress!;
    const stored = await prisma.county.findUnique({ where: { code: "430181" } });
    expect(stored).toMatchObject({ populationEstimate: liuyang.populationEstimate, deputyQuota: liuyang.deputyQuota, seatedDeputies: liuyang.deputyQuota });
    await prisma.county.update({ where: { code: "430181" }, data: { seatedDeputies: 301 } });
    await insertMissingRegisterRows(register);
    expect((await prisma.county.findUnique({ where: { code: "430181" } }))!.seatedDeputies).toBe(301);
    await prisma.county.update({ where: { code: "430181" }, data: { seatedDeputies: liuyang.deputyQuota } }); // as the other tests found it
  });
});
