/** Zod schemas for implementation tracking (实施与监督): the plan, a progress report, an inspection, the mid-year report. */
import { z } from "zod";
import { MILESTONE_TEMPLATE } from "~/domain/implementation";
import { formMessages } from "~/messages/forms";
import { countedText, investment } from "./candidate";
import { dayText, isDayText } from "./days";
import { recordId } from "./numbers";

const m = formMessages.implementation;

const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * The plan's form has a row per milestone: the template's five and two of the clerk's own, each a
 * kind, a name (own rows) and a planned day; a row without a day is not planned.
 */
export const PlanSchema = z
  .object({
    responsibleUnit: countedText(m.labels.responsibleUnit, 1, 100),
    budget: investment,
    plannedStart: dayText(m.labels.plannedStart),
    plannedCompletion: dayText(m.labels.plannedCompletion),
    kind: z.preprocess(list, z.array(z.enum([...MILESTONE_TEMPLATE, "custom"], { error: m.milestoneKind })).max(20)),
    name: z.preprocess(list, z.array(z.string().max(30, formMessages.field.tooLong(m.labels.milestoneName, 30))).max(20)),
    plannedOn: z.preprocess(list, z.array(z.string()).max(20)),
  })
  .transform((value, ctx) => {
    const milestones = [];
    for (const [index, kind] of value.kind.entries()) {
      const plannedOn = (value.plannedOn[index] ?? "").trim();
      if (plannedOn === "") continue;
      if (!isDayText(plannedOn)) {
        ctx.addIssue({ code: "custom", path: ["plannedOn"], message: formMessages.field.dayFormat(m.labels.milestoneDay) });
        return z.NEVER;
      }
      const name = (value.name[index] ?? "").replace(/\s+/g, " ").trim();
      milestones.push({ kind, name: kind === "custom" ? name || null : null, plannedOn });
    }
    return {
      responsibleUnit: value.responsibleUnit,
      budgetCents: Math.round(value.budget * 100),
      plannedStart: value.plannedStart,
      plannedCompletion: value.plannedCompletion,
      milestones,
    };
  });
export type PlanFormInput = z.infer<typeof PlanSchema>;

export const ReportSchema = z.object({
  reportedOn: dayText(m.labels.reportedOn),
  progress: z.coerce.number({ error: m.progressFormat }).int(m.progressFormat).min(0, m.progressFormat).max(100, m.progressFormat),
  spent: investment,
  milestoneId: z.preprocess((value) => (value === "" ? undefined : value), recordId().optional()),
  text: countedText(m.labels.text, 1, 500, { multiline: true }),
});
export type ReportFormInput = z.infer<typeof ReportSchema>;

export const InspectionSchema = z.object({
  heldOn: dayText(m.labels.heldOn),
  deputyIds: z.array(recordId(), { error: m.deputiesRequired }).min(1, m.deputiesRequired).max(500),
  planIds: z.array(recordId(), { error: m.projectsRequired }).min(1, m.projectsRequired).max(100),
  findings: countedText(m.labels.findings, 1, 1000, { multiline: true }),
  followUp: countedText(m.labels.followUp, 1, 1000, { multiline: true }),
});
export type InspectionFormInput = z.infer<typeof InspectionSchema>;

export const MidYearSchema = z.object({
  heardOn: dayText(m.labels.heardOn),
  summary: countedText(m.labels.summary, 1, 2000, { multiline: true }),
});
