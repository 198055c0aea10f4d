/**
 * What an audit entry's detail holds, per action: the one description that the writers (services
 * through `auditedChange`, the ballot box) are typed against and the readers (the console's log,
 * the coverage reader, `audit:verify`) parse with `auditDetail`.
 *
 * Actions not listed here carry a detail nobody reads back; they are written as any object.
 */
import { z } from "zod";

const id = z.number().int();
const digest = z.string();
const tally = {
  cast: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  selected: z.array(z.string()),
  runoff: z.array(z.string()),
  vacancies: z.number().int(),
};

const ACCEPTED = {
  /** A recorded ballot's digest (the tally is held against it); a secret ballot's entry has none. */
  "ballot.cast": z.object({ ballot: digest.optional() }),
  /** One deputy's attendance set, by the clerk at the console or by the deputy's own tablet. */
  "attendance.set": z.object({ deputyId: id, status: z.enum(["present", "leave", "absent"]), by: z.enum(["clerk", "tablet"]) }),
  /** 批量签到 at the console. */
  "attendance.check-in": z.object({ deputyIds: z.array(id), status: z.literal("present"), by: z.literal("clerk") }),
  /** `deputyId` alone: an entry from when cards were issued one at a time. */
  "pass.issue": z.object({ deputyIds: z.array(id), deputyId: id.optional() }),
  "tellers.set": z.object({ chiefId: id, tellerIds: z.array(id) }),
  "slate.add": z.object({ source: z.enum(["form", "import", "pool"]), count: z.number().int(), names: z.array(z.string()) }),
  "slate.remove": z.object({ candidateId: id }),
  "round.prepare": z.object({ roundId: id }).passthrough(),
  "round.open": z.object({ seated: z.number().int(), present: z.number().int(), issued: z.number().int(), medium: z.enum(["tablet", "paper"]).optional() }),
  /** A recorded round's tally; a secret round's sealed ballots, counted later (`round.count`). */
  "round.close": z
    .object({ ...tally, ballotsDigest: digest })
    .partial()
    .extend({
      sealed: z.number().int().optional(),
      sealedDigest: digest.optional(),
      /** A paper round's papers issued and returned (发出 / 收回). */
      papersIssued: z.number().int().nullable().optional(),
      papersReturned: z.number().int().optional(),
    }),
  /** The count of a sealed round (with its key's fingerprint) or of a paper round's entries. */
  "round.count": z.object({ fingerprint: z.string().optional(), ...tally, ballotsDigest: digest }),
  "round.publish": z.object({ noticeNo: z.number().int(), showsVotes: z.boolean(), anchor: z.object({ entryId: id, hash: z.string() }), ballotsDigest: digest.nullable() }),
  "round.void": z.object({ reason: z.string(), from: z.string(), sealedDestroyed: z.number().int().optional() }),
} as const;

export type DescribedAction = keyof typeof ACCEPTED;

/** The detail an accepted entry of `action` is written with. */
export type AcceptedDetail<A extends string> = A extends DescribedAction ? z.input<(typeof ACCEPTED)[A]> : Record<string, unknown>;

/** What a refused entry of any action carries: the refusal's sentence and, where it has one, its code. */
const REFUSAL = { reason: z.string(), code: z.string() };

/** The detail as read back: each field the action describes, if present and well formed, and a refusal's reason and code. */
export type ReadDetail<A extends string> = Partial<AcceptedDetail<A> & z.infer<z.ZodObject<typeof REFUSAL>>> & Record<string, unknown>;

function tolerant(shape: z.ZodRawShape) {
  // Field by field: an entry written before a field existed, or a refusal, keeps what it has.
  return z.object(Object.fromEntries(Object.entries({ ...shape, ...REFUSAL }).map(([key, field]) => [key, (field as z.ZodType).optional().catch(undefined)]))).passthrough();
}

const READERS = new Map<string, z.ZodType>(Object.entries(ACCEPTED).map(([action, schema]) => [action, tolerant(schema.shape)]));
const ANY_READER = tolerant({});

/** Parses an entry's stored detail for `action`; a detail that is not JSON, or not an object, reads as empty. */
export function auditDetail<A extends string>(action: A, json: string): ReadDetail<A> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = {};
  }
  const parsed = (READERS.get(action) ?? ANY_READER).safeParse(value);
  const fields = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  // Absent fields stay absent (not `undefined` keys), as they were stored.
  return Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== undefined)) as ReadDetail<A>;
}
