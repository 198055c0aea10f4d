import { describe, expect, it } from "vitest";
import { cityOverview, countyWithTownships, provinceOverview } from "./register.server";

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
});
