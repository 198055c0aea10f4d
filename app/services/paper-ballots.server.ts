/**
 * 纸质选票 — the tellers' side of a paper round once its papers are collected: the two independent
 * per-ballot entries or the totals, and the count that makes its tally (the chief teller then
 * confirms it as for tablets: congress-session.server.ts). Each step is one audited transaction;
 * the rules are domain/paper-ballots.ts and domain/tally.ts.
 */
import { reviewBallot } from "~/domain/ballot";
import { compareEntries, refuseCountingEntries, refusePaper, type EnteredPaper, type EntryDifference, type EntrySlot } from "~/domain/paper-ballots";
import { refuseRoundAction } from "~/domain/round-lifecycle";
import { refuseTotals, type MarkCounts } from "~/domain/tally";
import { countDigest, storeCountedPapers } from "~/data/ballots.server";
import { entriesOf, insertEntry, issuedDeputies, reassignEntry, savePaper, saveTotals, type PaperEntryRecord } from "~/data/paper-entries.server";
import * as sessions from "~/data/sessions.server";
import { outsideTransaction, type Tx } from "~/data/transaction.server";
import { auditedChange } from "./audited-change.server";
import { tallyStoredRound } from "./congress-session.server";
import { Refusal, refuse, type Actor } from "./refusal";

/** A paper round loaded for a step of its entry: refused on a tablet round or in the wrong status. */
async function paperRoundFor(tx: Tx, sessionId: number, roundId: number, action: "enter" | "count") {
  const round = await sessions.loadRound(roundId, tx);
  if (!round || round.sessionId !== sessionId) throw new Refusal({ code: "round-not-found" });
  if (round.medium !== "paper") throw new Refusal({ code: "paper-step-on-tablet-round" });
  refuse(refuseRoundAction(round.status, action));
  return round;
}

function entryMethodMust(round: sessions.RoundRecord, entry: "per-ballot" | "totals") {
  if (round.entryMethod !== entry) throw new Refusal({ code: "paper-entry-method", entry: round.entryMethod ?? "per-ballot" });
}

/**
 * 开始录入: names the teller responsible for one entry (第一遍 or 第二遍; a totals round has one).
 * The two entries of a per-ballot round are made under two different tellers; naming the teller
 * again (another teller takes over) keeps the papers entered so far.
 */
export async function startEntry(actor: Actor, sessionId: number, roundId: number, slot: EntrySlot, tellerId: number) {
  return auditedChange(actor, "paper.entry-start", { sessionId, roundId }, async (tx, audit) => {
    const round = await paperRoundFor(tx, sessionId, roundId, "enter");
    if (round.entryMethod === "totals" && slot !== 1) throw new Refusal({ code: "paper-entry-method", entry: "totals" });
    const roster = await sessions.roster(sessionId, tx);
    const teller = roster.find((row) => row.deputyId === tellerId && row.tellerRole !== "none");
    if (!teller) throw new Refusal({ code: "paper-entry-teller-not-teller" });
    const entries = await entriesOf(tx, roundId);
    const other = entries.find((entry) => entry.slot !== slot);
    if (other && other.tellerId === tellerId) throw new Refusal({ code: "paper-entry-same-teller", name: teller.deputy.name });
    const existing = entries.find((entry) => entry.slot === slot);
    if (existing) await reassignEntry(tx, existing.id, { tellerId, enteredBy: actor.actor });
    else await insertEntry(tx, roundId, { slot, tellerId, enteredBy: actor.actor });
    await audit({ slot, tellerId, takenOverFrom: existing && existing.tellerId !== tellerId ? existing.tellerId : null });
  });
}

/**
 * 录入一张: saves paper `number` of an entry — the next one, or a correction of one entered
 * before (the log keeps what it said). A recorded round's paper names its deputy by seat.
 */
export async function enterPaper(actor: Actor, sessionId: number, roundId: number, slot: EntrySlot, number: number, paper: EnteredPaper) {
  return auditedChange(
    actor,
    "paper.enter",
    { sessionId, roundId },
    async (tx, audit) => {
      const round = await paperRoundFor(tx, sessionId, roundId, "enter");
      entryMethodMust(round, "per-ballot");
      const entry = (await entriesOf(tx, roundId)).find((row) => row.slot === slot);
      if (!entry) throw new Refusal({ code: "paper-entry-not-started" });
      if (number > entry.papers.length + 1) throw new Refusal({ code: "paper-not-entered", number: entry.papers.length + 1 });
      const known = new Set(round.candidates.map(({ candidate }) => String(candidate.id)));
      if (paper.marks && Object.keys(paper.marks).some((id) => !known.has(id))) throw new Refusal({ code: "ballot-names-unknown-project" });
      const marked: EnteredPaper = round.secret ? { seatNo: null, marks: paper.marks } : paper;
      const issuedSeats = round.secret ? null : await issuedSeatsOf(tx, round);
      const papers = new Map(entry.papers.map((row) => [row.number, row]));
      refuse(refusePaper({ returned: round.papersReturned ?? 0, papers }, number, marked, issuedSeats));
      await savePaper(tx, entry.id, number, marked);
      const before = papers.get(number);
      await audit({
        slot,
        number,
        seatNo: marked.seatNo,
        marks: marked.marks,
        ...(before ? { corrected: { seatNo: before.seatNo, marks: before.marks } } : {}),
      });
      return { entered: Math.max(entry.papers.length, number) };
    },
    { slot, number },
  );
}

/** The seats of the deputies a recorded paper round issued papers to (those present when it opened). */
async function issuedSeatsOf(tx: Tx, round: sessions.RoundRecord): Promise<Set<number>> {
  const issuedTo = await issuedDeputies(tx, round.id);
  const roster = await sessions.roster(round.sessionId, tx);
  return new Set(roster.filter((row) => issuedTo.has(row.deputyId)).map((row) => row.seatNo));
}

/** 汇总录入: the void papers and each project's marks, held to what the papers returned allow. */
export async function enterTotals(actor: Actor, sessionId: number, roundId: number, totals: { invalid: number; projects: Record<string, MarkCounts> }) {
  return auditedChange(actor, "paper.totals", { sessionId, roundId }, async (tx, audit) => {
    const round = await paperRoundFor(tx, sessionId, roundId, "enter");
    entryMethodMust(round, "totals");
    const entry = (await entriesOf(tx, roundId)).find((row) => row.slot === 1);
    if (!entry) throw new Refusal({ code: "paper-entry-not-started" });
    const candidates = round.candidates.map(({ candidate }) => String(candidate.id));
    const cast = round.papersReturned ?? 0;
    const impossible = refuseTotals({ cast, invalid: totals.invalid, totals: totals.projects, candidates, places: round.places, form: round.form });
    if (impossible) throw new Refusal(impossible);
    const projects = Object.fromEntries(candidates.map((id) => [id, totals.projects[id]!]));
    await saveTotals(tx, entry.id, { invalid: totals.invalid, projects });
    await audit({ invalid: totals.invalid, projects, ...(entry.totals ? { corrected: entry.totals } : {}) });
  });
}

/**
 * 计票: the round's tally from the tellers' entry — the agreed papers become its ballots (tallied as
 * on tablets, void papers and over-marked ones included), or its totals are tallied — and it waits
 * for the chief teller's confirmation. The entries are frozen from here on.
 */
export async function countPaperRound(actor: Actor, sessionId: number, roundId: number) {
  return auditedChange(actor, "round.count", { sessionId, roundId }, async (tx, audit) => {
    const round = await paperRoundFor(tx, sessionId, roundId, "count");
    const entries = await entriesOf(tx, roundId);
    if (round.entryMethod === "totals") {
      if (!entries[0]?.totals) throw new Refusal({ code: "paper-entry-not-started" });
    } else {
      const [first, second] = [entryPapers(entries, 1), entryPapers(entries, 2)];
      refuse(refuseCountingEntries(round.secret, round.papersReturned ?? 0, first, second));
      const rules = { form: round.form, places: round.places, candidates: round.candidates.map(({ candidate }) => String(candidate.id)) };
      const deputyBySeat = new Map((await sessions.roster(sessionId, tx)).map((row) => [row.seatNo, row.deputyId]));
      await storeCountedPapers(
        tx,
        roundId,
        first.map((paper) => ({
          deputyId: paper.seatNo === null ? null : deputyBySeat.get(paper.seatNo)!,
          choices: paper.marks,
          valid: paper.marks !== null && !reviewBallot(rules, paper.marks).void,
        })),
      );
    }
    const result = await tallyStoredRound(tx, round);
    const ballotsDigest = await countDigest(tx, round);
    if (!(await sessions.updateRound(tx, roundId, "entering", { status: "closed", result, ballotsDigest }))) {
      throw new Refusal({ code: "round-changed-meanwhile" });
    }
    const { cast, valid, invalid, selected, runoff, vacancies } = result;
    await audit({ cast, valid, invalid, selected, runoff, vacancies, ballotsDigest });
  });
}

function entryPapers(entries: PaperEntryRecord[], slot: EntrySlot): EnteredPaper[] {
  return entries.find((entry) => entry.slot === slot)?.papers ?? [];
}

/** Where a paper round's entry stands, for the console and the entry screen. */
export async function paperEntryState(roundId: number) {
  const round = await sessions.loadRound(roundId);
  if (!round || round.medium !== "paper") return null;
  const entries = await entriesOf(outsideTransaction, roundId);
  const first = entries.find((entry) => entry.slot === 1) ?? null;
  const second = entries.find((entry) => entry.slot === 2) ?? null;
  const returned = round.papersReturned ?? 0;
  const bothDone = first !== null && second !== null && first.papers.length === returned && second.papers.length === returned;
  const differences: EntryDifference[] = bothDone ? compareEntries(round.secret, first.papers, second.papers) : [];
  return { round, first, second, returned, bothDone, differences };
}
