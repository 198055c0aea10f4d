/** 代表名单维护: a township's deputies, added and retired by its clerk, each change audited. */
import { appendAudit } from "~/data/audit.server";
import { activeDeputies, addDeputies, retireDeputy } from "~/data/deputies.server";
import { inTransaction } from "~/data/transaction.server";
import { Refusal, type Actor } from "./refusal";

export async function addDeputiesToRoster(actor: Actor, townshipId: number, names: string[]) {
  await inTransaction(async (tx) => {
    const onRoster = new Set((await activeDeputies(townshipId, tx)).map((deputy) => deputy.name));
    const taken = names.filter((name) => onRoster.has(name));
    if (taken.length) throw new Refusal(`${taken.join("、")} 已在代表名单上；同名代表请加以区分（如“张伟（大）”）。`, 400);
    await addDeputies(tx, townshipId, names);
    await appendAudit(tx, { ...actor, action: "roster.add", outcome: "accepted", detail: { townshipId, count: names.length } });
  });
}

export async function retireFromRoster(actor: Actor, townshipId: number, deputyId: number) {
  await inTransaction(async (tx) => {
    if (!(await retireDeputy(tx, townshipId, deputyId))) throw new Refusal("这位代表不在本乡镇的在任代表名单上。", 404);
    await appendAudit(tx, { ...actor, action: "roster.retire", outcome: "accepted", detail: { townshipId, deputyId } });
  });
}
