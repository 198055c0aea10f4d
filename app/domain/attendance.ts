/**
 * 应到 / 实到 / 请假 / 未到 and whether the session may proceed: at least two thirds of the
 * seated deputies present (Local Organization Law Art. 14, see quorum.ts).
 */
import { quorumFor } from "./quorum";
import type { RefusalReason } from "./refusals";

export type AttendanceStatus = "absent" | "present" | "leave";

export interface AttendanceSummary {
  seated: number;
  present: number;
  leave: number;
  absent: number;
  quorum: number;
  quorumMet: boolean;
  /** Deputies still needed for the quorum (0 when met). */
  shortBy: number;
}

export function summariseAttendance(seated: number, statuses: AttendanceStatus[]): AttendanceSummary {
  const present = statuses.filter((status) => status === "present").length;
  const leave = statuses.filter((status) => status === "leave").length;
  const quorum = quorumFor(seated);
  return {
    seated,
    present,
    leave,
    absent: seated - present - leave,
    quorum,
    quorumMet: present >= quorum,
    shortBy: Math.max(0, quorum - present),
  };
}

/**
 * An opening refused for want of quorum, as numbers: the audit log keeps them with the code, so
 * that the monitor counts refusals by their code, not by parsing a sentence.
 */
export type QuorumShortfall = Extract<RefusalReason, { code: "quorum-not-met" }>;

export function quorumShortfall(summary: AttendanceSummary): QuorumShortfall | null {
  if (summary.quorumMet) return null;
  return { code: "quorum-not-met", present: summary.present, seated: summary.seated, quorum: summary.quorum, shortBy: summary.shortBy };
}
