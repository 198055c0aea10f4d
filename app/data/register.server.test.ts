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

  it("holds each official county's congress (县级人大) with its estimated population and quota, none for a management zone", async () => {
    const congresses = await prisma.township.findMany({ where: { level: "county" }, select: { code: true, countyCode: true, deputyQuota: true, seatedDeputies: true } });
    expect(congresses).toHaveLength(122);
    for (const congress of congresses) expect(congress.countyCode).toBe(congress.code);
    const changsha = (await countyWithTownships("430121"))!;
    expect(changsha.congress!.deputyQuota).toBeGreaterThanOrEqual(140);
    expect(changsha.congress!.seatedDeputies).toBe(changsha.congress!.deputyQuota);
    expect(changsha.townships.every((township) => township.level === "township")).toBe(true);
    expect((await countyWithTownships("430371"))!.congress).toBeNull();
  });

  it("adds a county congress the database lacks once, and keeps what an administrator set", async () => {
    const register = readRegisterFile();
    const liuyang = register.cities[0]!.counties.find((county) => county.code === "430181")!.congress!;
    const before = await prisma.township.findUniqueOrThrow({ where: { code: "430181" } });
    await prisma.township.delete({ where: { code: "430181" } });
    expect(await insertMissingRegisterRows(register)).toEqual({ cities: 0, counties: 0, townships: 0, congresses: 1 });
    const stored = await prisma.township.findUniqueOrThrow({ where: { code: "430181" } });
    expect(stored).toMatchObject({ level: "county", countyCode: "430181", villages: liuyang.committees, populationEstimate: liuyang.populationEstimate, deputyQuota: liuyang.deputyQuota, seatedDeputies: liuyang.deputyQuota });
    await prisma.township.update({ where: { code: "430181" }, data: { seatedDeputies: 301 } });
    expect(await insertMissingRegisterRows(register)).toEqual({ cities: 0, counties: 0, townships: 0, congresses: 0 });
    expect((await prisma.township.findUniqueOrThrow({ where: { code: "430181" } })).seatedDeputies).toBe(301);
    await prisma.township.update({ where: { code: "430181" }, data: { seatedDeputies: before.seatedDeputies } }); // as the other tests found it
  });
});
