/**
 * 纸质选票的打印 (read-model only, nothing writes): the papers of a paper round as they are printed.
 * A secret round prints identical papers — no serial number, name or seat, nothing that differs
 * between two papers; a recorded round prints one paper per deputy present (in seat order, or every
 * deputy on the roster when nobody is checked in yet), carrying the deputy's name and seat number.
 */
import { limitsYesMarks } from "~/domain/ballot";
import type { BallotForm } from "~/domain/tally";
import { loadRound, roster, sessionHeader } from "~/data/sessions.server";
import { paperPrintMessages as m } from "~/messages/paper-print";
import { formatWan } from "~/utils/format";

export interface PaperProject {
  number: number;
  name: string;
  investment: string;
  responsibleUnit: string;
  plannedCompletion: string;
}

/** What every paper of the round carries; a recorded round's paper adds its deputy. */
export interface PaperFace {
  township: string;
  sessionTitle: string;
  roundTitle: string;
  runoff: boolean;
  title: string;
  secrecy: string;
  form: BallotForm;
  instructions: string[];
  projects: PaperProject[];
  footer: string;
}

export interface PrintedPaper extends PaperFace {
  deputy: { name: string; seatNo: number } | null;
}

export type PaperPrint =
  | { medium: "tablet"; session: { id: number; title: string; township: string }; round: { id: number; number: number } }
  | {
      medium: "paper";
      session: { id: number; title: string; township: string };
      round: { id: number; number: number; secret: boolean };
      /** For a secret round: how many identical papers print by default (present, or seated). */
      defaultCount: number;
      face: PaperFace;
      /** Recorded round: one per deputy; secret round: empty (the page prints `face` `count` times). */
      deputies: Array<{ name: string; seatNo: number }>;
    };

/** The instruction lines of a paper for its form, with the yes-mark limit where that voids a paper. */
export function paperInstructions(form: BallotForm, places: number, projectCount: number): string[] {
  const lines = [form === "choose-n" ? m.chooseNInstruction : form === "rating" ? m.ratingInstruction : m.perProjectInstruction];
  const candidates = Array.from({ length: projectCount }, (_, i) => String(i));
  if (limitsYesMarks({ form, places, candidates })) lines.push(m.yesLimit(places));
  return lines;
}

/** The print view of a round of this session; null when the session or the round (of this session) does not exist. */
export async function paperPrintView(sessionId: number, roundId: number): Promise<(PaperPrint & { townshipId: number }) | null> {
  const [session, round] = await Promise.all([sessionHeader(sessionId), loadRound(roundId)]);
  if (!session || !round || round.sessionId !== sessionId) return null;
  const sessionView = { id: session.id, title: session.title, township: session.township.name };
  if (round.medium !== "paper")
    return { medium: "tablet", townshipId: session.township.id, session: sessionView, round: { id: round.id, number: round.number } };
  const rows = await roster(sessionId);
  const present = rows.filter((row) => row.status === "present");
  const projects = round.candidates.map(({ candidate }, i) => ({
    number: i + 1,
    name: candidate.name,
    investment: formatWan(candidate.investmentCents),
    responsibleUnit: candidate.responsibleUnit ?? "",
    plannedCompletion: candidate.plannedCompletion ?? "",
  }));
  const face: PaperFace = {
    township: session.township.name,
    sessionTitle: session.title,
    roundTitle: round.form === "rating" ? m.ratingRoundTitle(round.number) : m.roundTitle(round.number),
    runoff: round.runoffOfId !== null,
    title: round.form === "rating" ? m.ratingTitle : m.paperTitle,
    secrecy: round.secret ? m.secret : m.recorded,
    form: round.form,
    instructions: paperInstructions(round.form, round.places, projects.length),
    projects,
    footer: m.footer,
  };
  const deputies = round.secret ? [] : (present.length > 0 ? present : rows).map((row) => ({ name: row.deputy.name, seatNo: row.seatNo }));
  return {
    medium: "paper",
    townshipId: session.township.id,
    session: sessionView,
    round: { id: round.id, number: round.number, secret: round.secret },
    defaultCount: present.length > 0 ? present.length : session.seated,
    face,
    deputies,
  };
}

/** The papers as printed: `count` identical papers for a secret round, one per deputy for a recorded one. */
export function printedPapers(view: PaperPrint, count: number): PrintedPaper[] {
  if (view.medium !== "paper") return [];
  if (view.round.secret) return Array.from({ length: count }, () => ({ ...view.face, deputy: null }));
  return view.deputies.map((deputy) => ({ ...view.face, deputy }));
}
