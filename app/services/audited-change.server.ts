/**
 * The one way a use case changes state: the change and its audit entry in one transaction
 * (retried on SQLITE_BUSY by `inTransaction`); a Refusal thrown by the change writes nothing but
 * its refusal to the audit log, and is re-thrown for the page to explain. Pages following the
 * session are told it changed.
 */
import type { AcceptedDetail } from "~/data/audit-detail";
import { appendAudit, recordRefusal } from "~/data/audit.server";
import { inTransaction, type Tx } from "~/data/transaction.server";
import { announceSessionChange } from "./events.server";
import { Refusal, type Actor } from "./refusal";

export interface AuditScope {
  sessionId?: number | null;
  roundId?: number | null;
}

/** Appends the accepted entry of the change, with the detail its action describes (data/audit-detail.ts). */
export type Audit<A extends string> = (detail?: AcceptedDetail<A>) => Promise<void>;

export async function auditedChange<T, A extends string>(
  actor: Actor,
  action: A,
  scope: AuditScope,
  work: (tx: Tx, audit: Audit<A>) => Promise<T>,
  /** What the refusal's entry records besides its reason (e.g. which deputy). */
  refusalDetail: Record<string, unknown> = {},
): Promise<T> {
  try {
    const result = await inTransaction((tx) => work(tx, (detail) => appendAudit(tx, { ...actor, action, outcome: "accepted", ...scope, detail })));
    if (scope.sessionId) announceSessionChange(scope.sessionId);
    return result;
  } catch (error) {
    if (error instanceof Refusal) await recordRefusal({ ...actor, action, ...scope, detail: { ...refusalDetail, ...error.auditDetail } });
    throw error;
  }
}
