/** 乡镇名录维护 (administrator): add a township the statistical register lacks, or retire one. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { registerChanges } from "~/data/register.server";
import { REGISTER } from "~/domain/register";
import { commonMessages } from "~/messages/common";
import { NewTownshipSchema, RetireTownshipSchema } from "~/schemas/admin";
import { addTownship, retireTownship } from "~/services/accounts.server";
import { Refusal } from "~/services/refusal";
import { requireAdmin, staffActor } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { parseForm, readFormData } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "乡镇名录维护 · 民生实事票决" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ changes: await registerChanges() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  try {
    if (intent === "add") {
      const parsed = parseForm(NewTownshipSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      await addTownship(staffActor(admin, request), parsed.data);
      return json({ ok: true as const, message: `已增补 ${parsed.data.name}（${parsed.data.code}）。` });
    }
    if (intent === "retire") {
      const parsed = parseForm(RetireTownshipSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      await retireTownship(staffActor(admin, request), parsed.data.code);
      return json({ ok: true as const, message: `已撤销 ${parsed.data.code}：不再计入名录，历史记录保留。` });
    }
  } catch (error) {
    if (error instanceof Refusal) return json({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
  return json({ ok: false as const, message: "未知的操作。" }, { status: 400 });
}

export default function RegisterAdminPage() {
  const { changes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section>
      <h1>乡镇名录维护</h1>
      <p className="note">
        名录以{commonMessages.register.statisticalRegister}为基础（民政统计口径为 {REGISTER.civilAffairsTownships} 个乡镇）。区划调整后，可在此增补新设乡镇或撤销已撤并的乡镇；
        撤销的乡镇不再计入覆盖率，但其历史会议与公告仍然保留。
      </p>
      {result && <p className={result.ok ? "flash" : "flash error"} role={result.ok ? "status" : "alert"}>{result.message}</p>}
      <div className="admin-forms">
        <Form method="post" className="stack narrow">
          <h2>增补乡镇</h2>
          <input type="hidden" name="intent" value="add" />
          <label className="field"><span>区划代码（9位）</span><input name="code" required inputMode="numeric" pattern="\d{9}" /></label>
          <label className="field"><span>名称</span><input name="name" required maxLength={31} /></label>
          <label className="field">
            <span>类型</span>
            <select name="kind" defaultValue="镇"><option value="镇">镇</option><option value="乡">乡</option><option value="民族乡">民族乡</option></select>
          </label>
          <label className="field"><span>实有代表数</span><input name="seatedDeputies" type="number" min={1} max={160} required /></label>
          <label className="field">
            <span>人口数（人）</span>
            <input name="population" type="number" min={0} max={1000000} required aria-describedby="population-note" />
            <small id="population-note">代表名额按选举法第十二条由人口数计算：基数45名，每1500人增加1名，最多160名。</small>
          </label>
          <button className="button primary" type="submit" disabled={busy}>增补</button>
        </Form>
        <Form method="post" className="stack narrow">
          <h2>撤销乡镇</h2>
          <input type="hidden" name="intent" value="retire" />
          <label className="field"><span>区划代码（9位）</span><input name="code" required inputMode="numeric" pattern="\d{9}" /></label>
          <button className="button" type="submit" disabled={busy}>撤销</button>
        </Form>
      </div>
      <table className="data-table">
        <caption>名录变更</caption>
        <thead><tr><th scope="col">名称</th><th scope="col" className="num">区划代码</th><th scope="col">县市区</th><th scope="col">变更</th></tr></thead>
        <tbody>
          {changes.length === 0 && <tr><td colSpan={4}>尚无变更：名录与统计用区划代码一致。</td></tr>}
          {changes.map((township) => (
            <tr key={township.code}>
              <th scope="row">{township.name}</th>
              <td className="num">{township.code}</td>
              <td>{township.county.name}</td>
              <td>{township.retiredAt ? `已撤销（${formatDate(township.retiredAt)}）` : "管理员增补"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
