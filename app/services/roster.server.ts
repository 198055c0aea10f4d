/** 代表名单维护: a township's deputies, added (by hand or from a file) and retired by its clerk, each change audited. */
import { appendAudit, recordRefusal } from "~/data/audit.server";
import { activeDeputies, addDeputies, addRosterDeputies, retireDeputy } from "~/data/deputies.server";
import { inTransaction } from "~/data/transaction.server";
import { auditedChange } from "./audited-change.server";
import { Refusal, type Actor } from "./refusal";
import type { TableImportError } from "./table-import/read-table";
import { conflictsWithRoster, type RosterField } from "./table-import/roster-table";
import { readTableFile } from "./table-reader.server";

export async function addDeputiesToRoster(actor: Actor, townshipId: number, names: string[]) {
  await auditedChange(
    actor,
    "roster.add",
    {},
    async (tx, audit) => {
      const onRoster = new Set((await activeDeputies(townshipId, tx)).map((deputy) => deputy.name));
      const taken = names.filter((name) => onRoster.has(name));
      if (taken.length) throw new Refusal({ code: "names-on-roster", names: taken });
      await addDeputies(tx, townshipId, names);
      await audit({ townshipId, count: names.length });
    },
    { townshipId },
  );
}

export type RosterImportResult = { ok: true; count: number } | { ok: false; errors: TableImportError<RosterField>[] };

/**
 * Imports a roster file (.csv or .xlsx): all or nothing. A row repeating a name, seat number or
 * 代表证号 of the file or of the roster is an error of that row; a refused file is audited with the
 * number of its errors. Throws a Refusal while another file is being read.
 */
export async function importRosterFile(actor: Actor, townshipId: number, fileName: string, bytes: Uint8Array): Promise<RosterImportResult> {
  const read = await readTableFile("roster", fileName, bytes);
  const result = read.ok
    ? await inTransaction(async (tx): Promise<RosterImportResult> => {
        const errors = conflictsWithRoster(await activeDeputies(townshipId, tx), read.rows);
        if (errors.length > 0) return { ok: false, errors };
        const deputies = read.rows.map((row) => row.value);
        await addRosterDeputies(tx, townshipId, deputies);
        await appendAudit(tx, {
          ...actor,
          action: "roster.import",
          outcome: "accepted",
          detail: { townshipId, fileName: fileName.slice(0, 100), count: deputies.length },
        });
        return { ok: true, count: deputies.length };
      })
    : read;
  if (!result.ok) {
    await recordRefusal({
      ...actor,
      action: "roster.import",
      detail: { townshipId, fileName: fileName.slice(0, 100), errors: result.errors.length, first: result.errors[0]?.message },
    });
  }
  return result;
}

export async function retireFromRoster(actor: Actor, townshipId: number, deputyId: number) {
  await auditedChange(
    actor,
    "roster.retire",
    {},
    async (tx, audit) => {
      if (!(await retireDeputy(tx, townshipId, deputyId))) throw new Refusal({ code: "deputy-not-active" });
      await audit({ townshipId, deputyId });
    },
    { townshipId, deputyId },
  );
}
