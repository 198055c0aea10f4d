/** Zod schemas for the session console's forms: one per input, messages in Chinese. */
import { z } from "zod";
import { formMessages } from "~/messages/forms";
import { plainDecimal, recordId } from "./numbers";

const m = formMessages.session;

const text = (label: string, max: number) =>
  z
    .string({ error: formMessages.field.required(label) })
    .trim()
    .min(1, formMessages.field.required(label))
    .max(max, formMessages.field.tooLong(label, max));

/** A date typed as YYYY-MM-DD, taken as that day in Beijing. */
const dateField = z
  .string({ error: m.dateRequired })
  .regex(/^\d{4}-\d{2}-\d{2}$/, m.dateFormat)
  .transform((value, ctx) => {
    const date = new Date(`${value}T09:00:00+08:00`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: m.dateMissing });
      return z.NEVER;
    }
    const year = Number(value.slice(0, 4));
    if (year < 2000 || year > 2100) {
      ctx.addIssue({ code: "custom", message: m.dateYear });
      return z.NEVER;
    }
    return date;
  });

export const SessionSchema = z.object({
  title: text(m.title, 80),
  meetingDate: dateField,
  place: text(m.place, 80),
});
export type SessionInput = z.infer<typeof SessionSchema>;

export const AttendanceSchema = z.object({
  deputyId: recordId(),
  status: z.enum(["present", "leave", "absent"], { error: m.attendanceInvalid }),
});

/** 批量签到: the deputies ticked on the check-in list. */
export const CheckInSchema = z.object({
  deputyIds: z.array(recordId(), { error: m.checkInNone }).min(1, m.checkInNone).max(500, m.checkInTooMany),
});

export const TellersSchema = z.object({
  chiefId: recordId(),
  tellerIds: z.array(recordId(), { error: m.tellersNone }).min(1, m.tellersNone).max(10, m.tellersTooMany),
});

export const RoundSettingsSchema = z
  .object({
    candidateIds: z.array(recordId(), { error: m.candidatesNone }).min(1, m.candidatesNone).max(100, m.candidatesTooMany),
    places: z.preprocess(plainDecimal, z.coerce.number({ error: m.placesRequired }).int(m.placesWhole).min(1, m.placesAtLeastOne)),
    form: z.enum(["per-project", "choose-n"], { error: m.formRequired }),
    secret: z.enum(["secret", "recorded"], { error: m.secretRequired }).transform((value) => value === "secret"),
    liveResults: z.enum(["live", "after-close"], { error: m.liveResultsRequired }).transform((value) => value === "live"),
    medium: z.enum(["tablet", "paper"], { error: m.mediumRequired }).default("tablet"),
    entryMethod: z.enum(["per-ballot", "totals"], { error: m.entryMethodRequired }).default("per-ballot"),
  })
  .refine((round) => new Set(round.candidateIds).size === round.candidateIds.length, { message: m.candidatesRepeated, path: ["candidateIds"] })
  .refine((round) => round.places <= round.candidateIds.length, {
    message: m.placesAboveCandidates,
    path: ["places"],
  });
/** 满意度测评: which of last year's projects, the basis of the grade, and tablets or paper. */
export const RatingSettingsSchema = z
  .object({
    candidateIds: z.array(recordId(), { error: m.ratingProjectsNone }).min(1, m.ratingProjectsNone).max(100, m.candidatesTooMany),
    basis: z.enum(["all", "present", "valid"], { error: m.ratingBasisRequired }).default("all"),
    medium: z.enum(["tablet", "paper"], { error: m.mediumRequired }).default("tablet"),
    entryMethod: z.enum(["per-ballot", "totals"], { error: m.entryMethodRequired }).default("per-ballot"),
  })
  .refine((rating) => new Set(rating.candidateIds).size === rating.candidateIds.length, { message: m.candidatesRepeated, path: ["candidateIds"] });
export type RatingSettingsInput = Omit<z.infer<typeof RatingSettingsSchema>, "medium" | "entryMethod" | "basis"> &
  Partial<Pick<z.infer<typeof RatingSettingsSchema>, "medium" | "entryMethod" | "basis">>;

/** The settings of a new round; a tablet round unless said otherwise (paper rounds: per-ballot entry unless said otherwise). */
export type RoundSettingsInput = Omit<z.infer<typeof RoundSettingsSchema>, "medium" | "entryMethod"> &
  Partial<Pick<z.infer<typeof RoundSettingsSchema>, "medium" | "entryMethod">>;

export const VoidSchema = z.object({ reason: text(m.voidReason, 200) });

/** 改用纸质选票: the reason the round is voided, and how its papers will be entered. */
export const RerunOnPaperSchema = z.object({
  reason: text(m.voidReason, 200),
  entryMethod: z.enum(["per-ballot", "totals"], { error: m.entryMethodRequired }),
});

const paperCount = (required: string) =>
  z.preprocess(plainDecimal, z.coerce.number({ error: required }).int(m.papersWhole).min(0, m.papersWhole).max(10_000, m.papersTooMany));

/** 发出选票: the papers issued when a paper round opens; left empty, one to each deputy present. */
export const PapersIssuedSchema = z.object({
  papersIssued: z.preprocess((value) => (value === "" || value === undefined ? undefined : value), paperCount(m.papersIssuedRequired).optional()),
});

/** 收回选票: the papers returned when a paper round's collection is over. */
export const PapersReturnedSchema = z.object({ papersReturned: paperCount(m.papersReturnedRequired) });

/** 总监票人确认 at the console: the code on the chief teller's own sign-in card. */
export const ChiefCardSchema = z.object({
  code: z
    .string({ error: m.chiefCardRequired })
    .transform((value) => value.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, m.signInCodeFormat)),
  checked: z.literal("yes", { error: m.chiefCardCheck }),
});

/** The code on a secret round's key card, as typed or scanned; its checksum is read by the service. */
export const RoundKeySchema = z.object({
  key: z.string({ error: m.roundKeyRequired }).trim().min(1, m.roundKeyRequired).max(64, m.roundKeyFormat),
});

export const DeputyNamesSchema = z.object({
  names: z
    .string({ error: m.namesRequired })
    .transform((value) =>
      value
        .split(/[\n,，、;；]+/)
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().min(1).max(20, m.nameTooLong))
        .min(1, m.namesNone)
        .max(480, m.namesTooMany)
        .refine((names) => new Set(names).size === names.length, m.namesRepeated),
    ),
});

export const SignInCodeSchema = z.object({
  code: z
    .string({ error: m.signInCodeRequired })
    .transform((value) => value.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, m.signInCodeFormat)),
});

/** 发布公告: whether the notice prints each project's votes or only the selected projects. */
export const PublishSchema = z.object({
  noticeVotes: z.enum(["shown", "list"], { error: m.noticeVotesRequired }).transform((value) => value === "shown"),
});
