/** Zod schemas for the collection of proposals (征集): the public form, the clerk's entry, screening and approval. */
import { z } from "zod";
import { CHANNELS, DECLINE_REASONS, SOURCES } from "~/domain/collection";
import { formMessages } from "~/messages/forms";
import { countedText, investment } from "./candidate";
import { dayText as isoDay } from "./days";
import { recordId } from "./numbers";

const m = formMessages.collection;

const optionalText = (label: string, max: number) =>
  z
    .preprocess((value) => (typeof value === "string" ? value.replace(/\s+/g, " ").trim() : value), z.string().max(max, formMessages.field.tooLong(label, max)))
    .optional()
    .transform((value) => (value ? value : null));

export const CampaignSchema = z.object({
  title: countedText(m.labels.title, 4, 80),
  callText: countedText(m.labels.callText, 10, 1000, { multiline: true }),
  opensOn: isoDay(m.labels.opensOn),
  closesOn: isoDay(m.labels.closesOn),
  channels: z.array(z.enum(CHANNELS, { error: m.channelsEmpty }), { error: m.channelsEmpty }).min(1, m.channelsEmpty),
});
export type CampaignInput = z.infer<typeof CampaignSchema>;

/** What a proposal says, whoever made it. Limits fit a phone's screen, not an essay. */
const proposalText = {
  title: countedText(m.labels.proposalTitle, 4, 200, { multiline: true }),
  place: countedText(m.labels.place, 2, 100),
  reason: countedText(m.labels.reason, 5, 1000, { multiline: true }),
  cost: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), investment.optional()),
};

/**
 * The public form. `website` is the honeypot: hidden from people (and labelled "do not fill"), so
 * only a form-filling script sends it non-empty; the action answers such a post as if it had been
 * received and stores nothing.
 */
export const PublicProposalSchema = z.object({
  ...proposalText,
  village: optionalText(m.labels.village, 50),
  contact: optionalText(m.labels.contact, 50),
  website: z.string().max(200).optional(),
});
export type PublicProposalInput = z.infer<typeof PublicProposalSchema>;

/** A proposal the clerk enters: a deputy's (chosen from the roster), the government's or a village committee's, or one collected on paper. */
export const ClerkProposalSchema = z
  .object({
    ...proposalText,
    source: z.enum(SOURCES, { error: m.sourceRequired }),
    proposer: optionalText(m.labels.proposer, 60),
    deputyId: z.preprocess((value) => (value === "" ? undefined : value), recordId().optional()),
    village: optionalText(m.labels.village, 50),
    contact: optionalText(m.labels.contact, 50),
  })
  .superRefine((value, ctx) => {
    if (value.source === "deputy" && value.deputyId === undefined) ctx.addIssue({ code: "custom", path: ["deputyId"], message: m.deputyRequired });
    if ((value.source === "government" || value.source === "village") && !value.proposer)
      ctx.addIssue({ code: "custom", path: ["proposer"], message: m.proposerRequired });
  });
export type ClerkProposalInput = z.infer<typeof ClerkProposalSchema>;

export const ProposalNumberSchema = z.object({ number: recordId() });

export const MergeSchema = z.object({ projectId: recordId(m.projectRequired) });

export const DeclineSchema = z.object({
  reason: z.enum(DECLINE_REASONS, { error: m.reasonRequired }),
  note: optionalText(m.labels.note, 200),
});

export const ApprovalSchema = z.object({
  approvedOn: isoDay(m.labels.approvedOn),
  approvalDocNo: countedText(m.labels.approvalDocNo, 2, 60),
  projectIds: z.array(recordId(), { error: m.projectsRequired }).min(1, m.projectsRequired),
});

export const PoolToSlateSchema = z.object({
  projectIds: z.array(recordId(), { error: m.projectsRequired }).min(1, m.projectsRequired),
});
