/**
 * 征集监测 — the collection (征集) as county, city and provincial congresses monitor it: campaigns
 * held, the share of the register's townships that held one, proposals received by source, and the
 * funnel (received → pooled → candidates → selected) added up by township, county, city and province.
 *
 * The rows come counted per township (one campaign per township and year); the funnel's rules are
 * domain/collection.ts (funnelOf): a proposal is received once taken in (admitted, pooled or
 * declined), and a selected project is an approved one selected by a published round.
 */
import { addFunnels, SOURCES, type Funnel, type ProposalSource } from "./collection";
import { coverageRatio, type RegisterTownship } from "./coverage";

/** One township's campaign of the year, counted: its funnel, with what it received by source. */
export interface TownshipCollection extends Omit<Funnel, "received"> {
  townshipId: number;
  code: string;
  name: string;
  countyCode: string;
  cityCode: string;
  /** 审定 recorded. */
  approved: boolean;
  /** Proposals taken in (admitted, pooled or declined), by who made them. */
  received: Record<ProposalSource, number>;
}

export function emptyBySource(): Record<ProposalSource, number> {
  return Object.fromEntries(SOURCES.map((source) => [source, 0])) as Record<ProposalSource, number>;
}

/** The township's funnel, as funnelOf counts it from its proposals and projects. */
export function collectionFunnel(row: TownshipCollection): Funnel {
  return {
    received: SOURCES.reduce((sum, source) => sum + row.received[source], 0),
    pending: row.pending,
    removed: row.removed,
    unscreened: row.unscreened,
    declined: row.declined,
    pooled: row.pooled,
    candidates: row.candidates,
    selected: row.selected,
  };
}

/** The collection figures of an area (the province, a city, a county). */
export interface CollectionTotals {
  code: string;
  name: string;
  /** Townships of the register in the area. */
  register: number;
  /** Campaigns held in the area this year (a township retired since counts too). */
  campaigns: number;
  /** Townships of the register that held a campaign, and their share of the register. */
  covered: number;
  coverage: number | null;
  /** Campaigns whose candidate list was approved (审定). */
  approved: number;
  received: Record<ProposalSource, number>;
  funnel: Funnel;
}

/** Adds up the area's campaigns against the area's register townships. */
export function collectionTotals(
  code: string,
  name: string,
  register: ReadonlyArray<Pick<RegisterTownship, "id">>,
  rows: readonly TownshipCollection[],
): CollectionTotals {
  const inRegister = new Set(register.map((township) => township.id));
  const received = emptyBySource();
  for (const row of rows) for (const source of SOURCES) received[source] += row.received[source];
  const covered = rows.filter((row) => inRegister.has(row.townshipId)).length;
  return {
    code,
    name,
    register: register.length,
    campaigns: rows.length,
    covered,
    coverage: coverageRatio(covered, register.length),
    approved: rows.filter((row) => row.approved).length,
    received,
    funnel: addFunnels(rows.map(collectionFunnel)),
  };
}

/** The totals of each area (cities or counties), grouping the register and the rows by `keyOf`. */
export function collectionByArea(
  areas: ReadonlyArray<{ code: string; name: string }>,
  register: readonly RegisterTownship[],
  rows: readonly TownshipCollection[],
  keyOf: (township: { countyCode: string; cityCode: string }) => string,
): CollectionTotals[] {
  const townshipsOf = new Map<string, RegisterTownship[]>(areas.map((area) => [area.code, []]));
  const rowsOf = new Map<string, TownshipCollection[]>(areas.map((area) => [area.code, []]));
  for (const township of register) townshipsOf.get(keyOf(township))?.push(township);
  for (const row of rows) rowsOf.get(keyOf(row))?.push(row);
  return areas.map((area) => collectionTotals(area.code, area.name, townshipsOf.get(area.code) ?? [], rowsOf.get(area.code) ?? []));
}

/** A township line of the collection table: its campaign's figures, or none held. */
export interface TownshipCollectionLine {
  code: string;
  name: string;
  countyCode: string;
  /** False for a township retired from the register since its campaign. */
  inRegister: boolean;
  campaign: { approved: boolean; received: Record<ProposalSource, number>; funnel: Funnel } | null;
}

/** Every register township in register order, then any campaign of a township no longer on it. */
export function townshipCollectionLines(register: readonly RegisterTownship[], rows: readonly TownshipCollection[]): TownshipCollectionLine[] {
  const byTownship = new Map(rows.map((row) => [row.townshipId, row]));
  const campaignOf = (row: TownshipCollection | undefined) =>
    row ? { approved: row.approved, received: { ...row.received }, funnel: collectionFunnel(row) } : null;
  const lines: TownshipCollectionLine[] = register.map((township) => ({
    code: township.code,
    name: township.name,
    countyCode: township.countyCode,
    inRegister: true,
    campaign: campaignOf(byTownship.get(township.id)),
  }));
  const inRegister = new Set(register.map((township) => township.id));
  for (const row of rows)
    if (!inRegister.has(row.townshipId))
      lines.push({ code: row.code, name: row.name, countyCode: row.countyCode, inRegister: false, campaign: campaignOf(row) });
  return lines;
}
