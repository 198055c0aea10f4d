/**
 * 应到 / 实到 / 请假 / 未到 and whether the session may proceed: at least two thirds of the
 * seated deputies present (Local Organization Law Art. 14, see quorum.ts).
 */
import { quorumFor } from "./quorum";

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
 * An opening refused for want of quorum, as numbers: the audit log keeps it beside the sentence, so
 * that the monitor counts refusals by their code, not by parsing the sentence.
 */
export const QUORUM_NOT_MET = "quorum-not-met";
export interface QuorumShortfall {
  code: typeof QUORUM_NOT_MET;
  present: number;
  seated: number;
  quorum: number;
  shortBy: number;
}

export function quorumShortfall(summary: AttendanceSummary): QuorumShortfall | null {
  if (summary.quorumMet) return null;
  return { code: QUORUM_NOT_MET, present: summary.present, seated: summary.seated, quorum: summary.quorum, shortBy: summary.shortBy };
}

export function quorumRefusal(summary: AttendanceSummary): string | null {
  if (summary.quorumMet) return null;
  return `实到代表${summary.present}名，未达到全体代表${summary.seated}名的三分之二以上（至少${summary.quorum}名），还差${summary.shortBy}名，不能开始表决。`;
}
