/** The township register: cities, counties, townships — reads for the browse pages, and the seed. */
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";
import { commonMessages as t } from "~/messages/common";

/** Row of prisma/register/hunan-register.json: [code, name, kind, villages, populationEstimate, deputyQuota]. */
export type RegisterTownshipRow = [string, string, string, number, number, number];
export interface RegisterFile {
  provenance: {
    source: string;
    vintage: string;
    register: string;
    counts: Record<string, number>;
    population: { residentsPerVillage: number; calibrationTarget: number; quotaTotal: number };
  };
  cities: Array<{
    code: string;
    name: string;
    counties: Array<{
      code: string;
      name: string;
      kind: string;
      managementZone: boolean;
      /** The county congress's estimated population and Art. 12 quota; null for a management zone. */
      congress: { committees: number; populationEstimate: number; deputyQuota: number } | null;
      townships: RegisterTownshipRow[];
    }>;
  }>;
}

/**
 * Inserts the register rows the database does not hold yet, in one transaction: cities, counties,
 * townships, and each official county's congress (县级人民代表大会, a Township row of level "county"
 * with the county's code, its seated number starting at its quota). Rows already there are left
 * alone (an administrator may have changed seated numbers or retired a township), so running it
 * twice changes nothing.
 */
export async function insertMissingRegisterRows(register: RegisterFile, db: PrismaClient = prisma) {
  const [cities, counties, townships] = await Promise.all([
    db.city.findMany({ select: { code: true } }),
    db.county.findMany({ select: { code: true } }),
    db.township.findMany({ select: { code: true } }),
  ]);
  const has = (rows: Array<{ code: string }>) => new Set(rows.map((row) => row.code));
  const [cityCodes, countyCodes, townshipCodes] = [has(cities), has(counties), has(townships)];

  const allCounties = register.cities.flatMap((city) => city.counties.map((county) => ({ ...county, cityCode: city.code })));
  const newCities = register.cities.filter((city) => !cityCodes.has(city.code)).map(({ code, name }) => ({ code, name }));
  const newCounties = allCounties
    .filter((county) => !countyCodes.has(county.code))
    .map((county) => ({ code: county.code, name: county.name, kind: county.kind, managementZone: county.managementZone, cityCode: county.cityCode }));
  const newCongresses = allCounties.flatMap(({ code, name, kind, congress }) =>
    congress && !townshipCodes.has(code)
      ? [{ code, name, kind, level: "county", countyCode: code, villages: congress.committees, populationEstimate: congress.populationEstimate, deputyQuota: congress.deputyQuota, seatedDeputies: congress.deputyQuota }]
      : [],
  );
  const newTownships = allCounties.flatMap((county) =>
    county.townships
      .filter(([code]) => !townshipCodes.has(code))
      .map(([code, name, kind, villages, populationEstimate, deputyQuota]) => ({
        code, name, kind, villages, populationEstimate, deputyQuota,
        seatedDeputies: deputyQuota,
        countyCode: county.code,
      })),
  );

  await db.$transaction([
    db.city.createMany({ data: newCities }),
    db.county.createMany({ data: newCounties }),
    db.township.createMany({ data: newTownships }),
    db.township.createMany({ data: newCongresses }),
  ]);
  return { cities: newCities.length, counties: newCounties.length, townships: newTownships.length, congresses: newCongresses.length };
}

export interface AreaSummary {
  code: string;
  name: string;
  kind?: string;
  managementZone?: boolean;
  counties: number;
  managementZones: number;
  townships: number;
  deputyQuota: number;
  seatedDeputies: number;
}

/** A township of the register: not retired, and not a county congress. */
const activeTownship = { retiredAt: null, level: "township" };

async function townshipTotalsByCounty(where: { countyCode?: { in: string[] } } = {}) {
  const rows = await prisma.township.groupBy({
    by: ["countyCode"],
    where: { ...activeTownship, ...where },
    _count: { _all: true },
    _sum: { deputyQuota: true, seatedDeputies: true },
  });
  return new Map(
    rows.map((row) => [
      row.countyCode,
      { townships: row._count._all, deputyQuota: row._sum.deputyQuota ?? 0, seatedDeputies: row._sum.seatedDeputies ?? 0 },
    ]),
  );
}

function summarise(
  base: { code: string; name: string; kind?: string; managementZone?: boolean },
  counties: Array<{ code: string; managementZone: boolean }>,
  totals: Map<string, { townships: number; deputyQuota: number; seatedDeputies: number }>,
): AreaSummary {
  const summary: AreaSummary = { ...base, counties: 0, managementZones: 0, townships: 0, deputyQuota: 0, seatedDeputies: 0 };
  for (const county of counties) {
    if (county.managementZone) summary.managementZones += 1;
    else summary.counties += 1;
    const total = totals.get(county.code);
    if (!total) continue;
    summary.townships += total.townships;
    summary.deputyQuota += total.deputyQuota;
    summary.seatedDeputies += total.seatedDeputies;
  }
  return summary;
}

/** The province with each city's counts, for the first screen. */
export async function provinceOverview() {
  const [cities, totals] = await Promise.all([
    prisma.city.findMany({
      select: { code: true, name: true, counties: { select: { code: true, managementZone: true } } },
      orderBy: { code: "asc" },
    }),
    townshipTotalsByCounty(),
  ]);
  const citySummaries = cities.map((city) => summarise(city, city.counties, totals));
  const province = summarise({ code: "43", name: t.register.province }, cities.flatMap((city) => city.counties), totals);
  return { province, cities: citySummaries };
}

/** One city with each of its counties' counts, or null. */
export async function cityOverview(code: string) {
  const city = await prisma.city.findUnique({
    where: { code },
    select: {
      code: true,
      name: true,
      counties: { select: { code: true, name: true, kind: true, managementZone: true }, orderBy: { code: "asc" } },
    },
  });
  if (!city) return null;
  const totals = await townshipTotalsByCounty({ countyCode: { in: city.counties.map((county) => county.code) } });
  return {
    city: summarise(city, city.counties, totals),
    counties: city.counties.map((county) => summarise(county, [county], totals)),
  };
}

/** One county with its townships and its congress's figures (null for a management zone), or null. */
export async function countyWithTownships(code: string) {
  const county = await prisma.county.findUnique({
    where: { code },
    select: {
      code: true,
      name: true,
      kind: true,
      managementZone: true,
      city: { select: { code: true, name: true } },
      townships: {
        select: {
          code: true, name: true, kind: true, level: true, villages: true, populationEstimate: true,
          deputyQuota: true, seatedDeputies: true, retiredAt: true,
        },
        orderBy: { code: "asc" },
      },
    },
  });
  if (!county) return null;
  const congress = county.townships.find((row) => row.level === "county") ?? null;
  return { ...county, congress, townships: county.townships.filter((row) => row.level === "township") };
}

/**
 * An administrator adds a township the statistical register does not hold yet (e.g. a new 乡):
 * its population as the administrator gives it, and the legal quota computed from that.
 */
export async function insertTownship(
  tx: Tx,
  data: { code: string; name: string; kind: string; countyCode: string; seatedDeputies: number; population: number; deputyQuota: number },
) {
  const { population, ...township } = data;
  return tx.township.create({
    data: { ...township, villages: 0, populationEstimate: population, source: "admin" },
    select: { id: true, code: true },
  });
}

/** A county congress (by its county's code) with its active roster's size, or null. */
export async function countyCongress(tx: Tx, code: string) {
  const congress = await tx.township.findFirst({ where: { code, level: "county" }, select: { id: true, name: true, seatedDeputies: true } });
  if (!congress) return null;
  return { ...congress, rostered: await tx.deputy.count({ where: { townshipId: congress.id, leftAt: null } }) };
}

export async function setSeatedDeputies(tx: Tx, townshipId: number, seated: number) {
  await tx.township.update({ where: { id: townshipId }, data: { seatedDeputies: seated } });
}

/** Retires a township (merged or abolished): it leaves the register's counts but keeps its history. */
export async function retireTownship(tx: Tx, code: string) {
  const { count } = await tx.township.updateMany({ where: { code, retiredAt: null }, data: { retiredAt: new Date() } });
  return count === 1;
}

export async function countyExists(tx: Tx, code: string) {
  return (await tx.county.count({ where: { code } })) === 1;
}

export async function townshipCodeTaken(tx: Tx, code: string) {
  return (await tx.township.count({ where: { code } })) > 0;
}

export async function registerChanges() {
  return prisma.township.findMany({
    where: { OR: [{ source: "admin" }, { retiredAt: { not: null } }] },
    select: { code: true, name: true, kind: true, source: true, retiredAt: true, county: { select: { name: true } } },
    orderBy: { code: "asc" },
  });
}
