import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { countyDeputyQuota, deputyQuota } from "../../app/domain/deputy-quota";
import type { HunanRegister } from "./build-register";

const register = JSON.parse(readFileSync(new URL("./hunan-register.json", import.meta.url), "utf8")) as HunanRegister;

const counties = register.cities.flatMap((city) => city.counties);
const townships = counties.flatMap((county) => county.townships.map((row) => ({ county, row })));
const quotaSum = townships.reduce((n, { row }) => n + row[5], 0);

describe("hunan-register.json (NBS 2023 codes, 乡 + 镇 of Hunan)", () => {
  it("has 14 cities, 122 official counties and 12 management zones", () => {
    expect(register.cities).toHaveLength(14);
    expect(counties.filter((c) => !c.managementZone)).toHaveLength(122);
    const zones = counties.filter((c) => c.managementZone);
    expect(zones).toHaveLength(12);
    expect(zones.every((z) => z.kind === "管理区")).toBe(true);
    expect(counties.filter((c) => c.kind === "管理区" && !c.managementZone)).toHaveLength(0);
  });

  it("splits the 122 counties into 36 区, 19 县级市, 60 县 and 7 自治县", () => {
    const byKind = (kind: string) => counties.filter((c) => c.kind === kind).length;
    expect([byKind("区"), byKind("县级市"), byKind("县"), byKind("自治县")]).toEqual([36, 19, 60, 7]);
  });

  it("nests codes: county under its city, township under its county", () => {
    for (const city of register.cities) {
      expect(city.code).toMatch(/^43\d{2}$/);
      for (const county of city.counties) {
        expect(county.code).toMatch(/^\d{6}$/);
        expect(county.code.startsWith(city.code)).toBe(true);
      }
    }
    for (const { county, row } of townships) {
      expect(row[0]).toMatch(/^\d{9}$/);
      expect(row[0].startsWith(county.code)).toBe(true);
    }
  });

  it("lists 1,522 townships with unique codes", () => {
    expect(townships).toHaveLength(1522);
    expect(new Set(townships.map(({ row }) => row[0])).size).toBe(1522);
  });

  it("has 1,134 镇 and 388 乡, of which 82 民族乡", () => {
    const count = (kind: string) => townships.filter(({ row }) => row[2] === kind).length;
    expect(count("镇")).toBe(1134);
    expect(count("乡") + count("民族乡")).toBe(388);
    expect(count("民族乡")).toBe(82);
  });

  it("gives each township the Art. 12 quota of its population estimate, between 45 and 160", () => {
    for (const { row } of townships) {
      const [, , , villages, population, quota] = row;
      expect(villages).toBeGreaterThan(0);
      expect(population % 100).toBe(0);
      expect(quota).toBe(deputyQuota(population));
      expect(quota).toBeGreaterThanOrEqual(45);
      expect(quota).toBeLessThanOrEqual(160);
    }
  });

  it("calibrates the quota total to within 1% of Hunan's 106,039 township deputies (2021)", () => {
    const { population } = register.provenance;
    expect(population.isEstimate).toBe(true);
    expect(population.calibrationTarget).toBe(106_039);
    expect(quotaSum).toBe(population.quotaTotal);
    expect(Math.abs(quotaSum - 106_039) / 106_039).toBeLessThan(0.01);
  });

  it("derives every estimate from the one provincial residents-per-village constant", () => {
    const r = register.provenance.population.residentsPerVillage;
    for (const { row } of townships) {
      expect(row[4]).toBe(Math.round((row[3] * r) / 100) * 100);
    }
  });

  it("records counts in its provenance that match its contents", () => {
    const { counts } = register.provenance;
    expect(counts).toMatchObject({
      cities: register.cities.length,
      counties: counties.filter((c) => !c.managementZone).length,
      managementZones: counties.filter((c) => c.managementZone).length,
      townships: townships.length,
      towns: 1134,
      xiang: 388,
      ethnicXiang: 82,
      excludedSubdistricts: 425,
      excludedOther: 61,
    });
  });

  it("is sorted by code at every level", () => {
    const sorted = (codes: string[]) => expect(codes).toEqual([...codes].sort());
    sorted(register.cities.map((c) => c.code));
    for (const city of register.cities) {
      sorted(city.counties.map((c) => c.code));
      for (const county of city.counties) sorted(county.townships.map((row) => row[0]));
    }
  });
});

describe("hunan-register.json: the county congresses (县级人民代表大会)", () => {
  const congresses = counties.filter((county) => county.congress !== null);

  it("gives each of the 122 official counties, and no management zone, a congress", () => {
    expect(congresses).toHaveLength(122);
    expect(counties.filter((county) => county.managementZone).every((zone) => zone.congress === null)).toBe(true);
  });

  it("gives each the Art. 12 quota of its population estimate, between 140 and 450", () => {
    const r = register.provenance.countyPopulation.residentsPerCommittee;
    for (const { congress } of congresses) {
      expect(congress!.committees).toBeGreaterThan(0);
      expect(congress!.populationEstimate).toBe(Math.round((congress!.committees * r) / 100) * 100);
      expect(congress!.deputyQuota).toBe(countyDeputyQuota(congress!.populationEstimate));
      expect(congress!.deputyQuota).toBeGreaterThanOrEqual(140);
      expect(congress!.deputyQuota).toBeLessThanOrEqual(450);
    }
  });

  it("is calibrated to the province's 31,858 county deputies (seed article), within 0.1%", () => {
    const total = congresses.reduce((n, county) => n + county.congress!.deputyQuota, 0);
    expect(total).toBe(register.provenance.countyPopulation.quotaTotal);
    expect(register.provenance.countyPopulation.calibrationTarget).toBe(31_858);
    expect(Math.abs(total - 31_858) / 31_858).toBeLessThan(0.001);
    expect(register.provenance.countyPopulation.isEstimate).toBe(true);
  });
});
