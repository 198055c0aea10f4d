/**
 * The forensic reader's attempts to link a secret round's ballots to its deputies from copies of
 * the database files alone (docs/decisions/006). Each method guesses, for each deputy, which
 * ballot contents are theirs; a test scores the guesses against the truth it knows.
 *
 * The reader knows what is public: the round's id and its projects. The order in which deputies
 * voted it reads from the files themselves (the audit log's `ballot.cast` entries, which must say
 * that a deputy voted). Records are recognised by what they hold, not by table, so that the
 * methods work on any layout — including the one before decision 006 — and on stale copies.
 */
import { allCells, offsetsOf, type Cell, type Files, type Value } from "./sqlite-file";

const CHOICE = new Set(["yes", "no", "abstain"]);
const RECEIPT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

export interface RoundFacts {
  roundId: number;
  candidateIds: string[];
}

/** deputy id → what the method says is theirs (a ballot's contents, canonical JSON, or a receipt). */
export type Guess = Map<number, string>;

export function canonical(choices: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(choices).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** A text value that is a ballot's choices on this round's projects, canonicalised; else null. */
function contentsIn(value: Value, round: RoundFacts): string | null {
  if (typeof value !== "string" || !value.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const entries = Object.entries(parsed);
    if (entries.length === 0 || !entries.every(([id, choice]) => round.candidateIds.includes(id) && CHOICE.has(String(choice)))) return null;
    return canonical(parsed as Record<string, string>);
  } catch {
    return null;
  }
}

/**
 * The round's column is read where the table keeps it, not as any number in the row: another round's
 * row can hold a deputy's or a session's id equal to this round's.
 */
function contentsOfCell(cell: Cell, round: RoundFacts): string | null {
  // Ballot: id, roundId, deputyId, choices, valid.
  for (const [i, value] of cell.values.entries()) {
    const contents = contentsIn(value, round);
    if (contents && cell.values[i - 2] === round.roundId) return contents;
  }
  return null;
}

function receiptOfCell(cell: Cell, round: RoundFacts): string | null {
  // BallotReceipt: roundId, receipt, deputyId — and its key's index cells: roundId, receipt, row.
  const at = cell.values.findIndex((value) => typeof value === "string" && RECEIPT.test(value));
  return at > 0 && cell.values[at - 1] === round.roundId ? (cell.values[at] as string) : null;
}

/** Where a cell sits, in the order SQLite wrote it: by page or frame, then from the page's end. */
function storageOrder(a: Cell, b: Cell): number {
  return a.unit - b.unit || b.offset - a.offset;
}

/** The deputy an audit entry says voted in the round ("deputy:<id>" beside "ballot.cast"), or null. */
function castBy(cell: Cell, round: RoundFacts): number | null {
  // AuditEntry's columns: … action, outcome, sessionId, roundId …: the round is the third after the action
  // (any column may hold a number equal to this round's id, a session's id among them).
  const action = cell.values.indexOf("ballot.cast");
  if (action < 0 || cell.values[action + 1] !== "accepted" || cell.values[action + 3] !== round.roundId) return null;
  const actor = cell.values.find((value) => typeof value === "string" && /^deputy:\d+$/.test(value)) as string | undefined;
  return actor ? Number(actor.slice("deputy:".length)) : null;
}

/** Deputies in the order they voted, from the audit log's entries in the files. */
export function votingOrder(files: Files, round: RoundFacts): number[] {
  const casts = new Map<bigint, number>();
  for (const cell of allCells(files)) {
    const deputy = cell.kind === "table" && cell.rowid !== null ? castBy(cell, round) : null;
    if (deputy !== null) casts.set(cell.rowid!, deputy);
  }
  return [...casts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, deputy]) => deputy);
}

function pairInOrder(voters: number[], items: string[]): Guess {
  const guess: Guess = new Map();
  voters.forEach((deputy, i) => {
    if (items[i] !== undefined) guess.set(deputy, items[i]!);
  });
  return guess;
}

function firstSeen(cells: Cell[], valueOf: (cell: Cell) => string | null): string[] {
  const seen = new Set<string>();
  for (const cell of [...cells].sort(storageOrder)) {
    const value = valueOf(cell);
    if (value !== null) seen.add(value);
  }
  return [...seen];
}

/** Every ballot's contents of the round that the files show anywhere, in any cell. */
export function visibleContents(files: Files, round: RoundFacts): Set<string> {
  return new Set(
    allCells(files)
      .map((cell) => contentsOfCell(cell, round))
      .filter((value): value is string => value !== null),
  );
}

export interface Attack {
  method: string;
  guess: Guess;
}

/**
 * The methods that use one copy of the files. `target` is what is linked: the ballots' contents,
 * or (as a control that the methods work, on data that may be linked) their receipt codes.
 */
export function singleCopyAttacks(files: Files, round: RoundFacts, target: "contents" | "receipts"): Attack[] {
  const voters = votingOrder(files, round);
  const cells = allCells(files);
  const valueOf = (cell: Cell) => (target === "contents" ? contentsOfCell(cell, round) : receiptOfCell(cell, round));
  const attacks: Attack[] = [];

  // 1. Table and index leaf cells in the order they were written, in the database file and in the log.
  for (const source of ["db", "wal"] as const) {
    attacks.push({
      method: `cell order (${source})`,
      guess: pairInOrder(
        voters,
        firstSeen(
          cells.filter((cell) => cell.source === source),
          valueOf,
        ),
      ),
    });
  }

  // 2. Row keys in ascending order (an autoincrement, or random keys that are not).
  const byRowid = new Map<bigint, string>();
  for (const cell of cells) {
    const value = cell.kind === "table" && cell.rowid !== null ? valueOf(cell) : null;
    if (value !== null) byRowid.set(cell.rowid!, value);
  }
  const rowids = [...byRowid.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  attacks.push({
    method: "row key order",
    guess: pairInOrder(
      voters,
      rowids.map((rowid) => byRowid.get(rowid)!),
    ),
  });

  // 3. Index entries (roundId, rowid) in the order they were written, resolved through the table.
  for (const source of ["db", "wal"] as const) {
    const entries = cells
      .filter((cell) => cell.source === source && cell.kind === "index" && cell.values.length === 2 && cell.values[0] === round.roundId)
      .sort(storageOrder);
    const order: string[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const value = byRowid.get(BigInt(entry.values[1] as number | bigint));
      if (value !== undefined && !seen.has(value)) {
        seen.add(value);
        order.push(value);
      }
    }
    attacks.push({ method: `index cell order (${source})`, guess: pairInOrder(voters, order) });
  }

  // 4. The log's commits: what each commit added, beside the deputy whose vote it recorded.
  attacks.push({ method: "log commit pairing", guess: commitPairing(files, round, valueOf) });

  // 5. Raw bytes, free pages and free space included: where each value first appears in the files.
  const all = Buffer.concat([files.db, files.wal, files.shm]);
  const texts = new Map<string, string>(); // the value as stored → what it means
  for (const cell of cells) {
    const meaning = valueOf(cell);
    if (meaning === null) continue;
    for (const value of cell.values) if (typeof value === "string" && (value === meaning || contentsIn(value, round) === meaning)) texts.set(value, meaning);
  }
  const firstOffset = new Map<string, number>();
  for (const [text, meaning] of texts) {
    const at = offsetsOf(all, Buffer.from(text))[0];
    if (at !== undefined && at < (firstOffset.get(meaning) ?? Infinity)) firstOffset.set(meaning, at);
  }
  attacks.push({
    method: "raw byte order (db, log, shm)",
    guess: pairInOrder(
      voters,
      [...firstOffset].sort(([, a], [, b]) => a - b).map(([meaning]) => meaning),
    ),
  });

  // 6. The audit log itself: an entry saying a deputy voted that also names the ballot.
  const mentions: Guess = new Map();
  for (const cell of cells) {
    const deputy = castBy(cell, round);
    if (deputy === null) continue;
    for (const [text, meaning] of texts) {
      if (cell.values.some((value) => typeof value === "string" && value.includes(text))) mentions.set(deputy, meaning);
    }
  }
  attacks.push({ method: "audit entries naming a ballot", guess: mentions });
  return attacks;
}

function commitPairing(files: Files, round: RoundFacts, valueOf: (cell: Cell) => string | null): Guess {
  // Commits in the order they were made: by the log's generation, then by position in the log.
  const byCommit = new Map<string, { at: [number, number]; values: Set<string>; deputies: Set<number> }>();
  for (const cell of allCells(files).filter((c) => c.source === "wal")) {
    if (cell.commit === null || cell.generation === null) continue;
    const key = `${cell.generation}:${cell.commit}`;
    const entry = byCommit.get(key) ?? { at: [cell.generation, cell.commit] as [number, number], values: new Set<string>(), deputies: new Set<number>() };
    byCommit.set(key, entry);
    const value = valueOf(cell);
    if (value !== null) entry.values.add(value);
    const deputy = castBy(cell, round);
    if (deputy !== null) entry.deputies.add(deputy);
  }
  const guess: Guess = new Map();
  const seenValues = new Set<string>();
  const seenDeputies = new Set<number>();
  for (const { values, deputies } of [...byCommit.values()].sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])) {
    const newValues = [...values].filter((value) => !seenValues.has(value));
    const newDeputies = [...deputies].filter((deputy) => !seenDeputies.has(deputy));
    if (newValues.length === 1 && newDeputies.length === 1) guess.set(newDeputies[0]!, newValues[0]!);
    for (const value of values) seenValues.add(value);
    for (const deputy of deputies) seenDeputies.add(deputy);
  }
  return guess;
}

/**
 * The methods that join two copies: one taken while the round was open, one after it was counted.
 * Whatever links a deputy to a row in the first (its key, its receipt) is looked up in the second.
 */
export function twoCopyAttacks(during: Files, after: Files, round: RoundFacts): Attack[] {
  const voters = votingOrder(during, round);
  const duringCells = allCells(during).filter((cell) => cell.values.includes(round.roundId));
  const afterCells = allCells(after);

  // The row keys of the round's rows while open, in the order they were written, per deputy.
  const keysInOrder = firstSeen(
    duringCells.filter((cell) => cell.kind === "table" && cell.rowid !== null && receiptOfCell(cell, round) === null),
    (cell) => String(cell.rowid),
  );
  const contentsByRowid = new Map<string, string>();
  for (const cell of afterCells) {
    const contents = cell.kind === "table" && cell.rowid !== null ? contentsOfCell(cell, round) : null;
    if (contents) contentsByRowid.set(String(cell.rowid), contents);
  }
  const byKey: Guess = new Map();
  pairInOrder(voters, keysInOrder).forEach((rowid, deputy) => {
    const contents = contentsByRowid.get(rowid);
    if (contents) byKey.set(deputy, contents);
  });

  // Receipts: linked to deputies by the order they were written while open; then any record after
  // the count that holds a receipt beside contents.
  const receiptOf = pairInOrder(
    voters,
    firstSeen(duringCells, (cell) => receiptOfCell(cell, round)),
  );
  const contentsByReceipt = new Map<string, string>();
  for (const cell of afterCells) {
    const receipt = receiptOfCell(cell, round);
    const contents = contentsOfCell(cell, round);
    if (receipt && contents) contentsByReceipt.set(receipt, contents);
  }
  const byReceipt: Guess = new Map();
  receiptOf.forEach((receipt, deputy) => {
    const contents = contentsByReceipt.get(receipt);
    if (contents) byReceipt.set(deputy, contents);
  });

  return [
    { method: "row keys while open → contents after the count", guess: byKey },
    { method: "receipts while open → contents after the count", guess: byReceipt },
  ];
}

/** How many of the guesses are right. */
export function score(guess: Guess, truth: Map<number, string>): number {
  let right = 0;
  for (const [deputy, value] of guess) if (truth.get(deputy) === value) right += 1;
  return right;
}

/**
 * Sealed ballot bytes written while open that can still be found after the count (by their last
 * 16 bytes, a GCM tag: random, so a match is the same bytes).
 */
export function survivingBlobs(during: Files, after: Files, round: RoundFacts): number {
  const blobs = allCells(during)
    .filter((cell) => cell.values.includes(round.roundId))
    .flatMap((cell) => cell.values.filter((value): value is Buffer => Buffer.isBuffer(value) && value.length >= 32));
  const afterAll = Buffer.concat([after.db, after.wal, after.shm]);
  return blobs.filter((blob) => offsetsOf(afterAll, blob.subarray(blob.length - 16)).length > 0).length;
}
