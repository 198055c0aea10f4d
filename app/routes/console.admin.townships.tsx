/** 乡镇名录维护 (administrator): add a township the statistical register lacks, or retire one. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { registerChanges } from "~/data/register.server";
import { REGISTER } from "~/domain/register";
import { commonMessages as t } from "~/messages/common";
import { CongressSeatedSchema, NewTownshipSchema, RetireTownshipSchema } from "~/schemas/admin";
import { addTownship, retireTownship, setCongressSeated } from "~/services/accounts.server";
import { Refusal } from "~/services/refusal";
import { requireAdmin, staffActor } from "~/services/auth.server";
import { formatDate } from "~/utils/format";
import { parseForm, readFormData } from "~/utils/forms";
import { adminMessages } from "~/messages/admin";
import { consoleMessages as c } from "~/messages/console";
import { formMessages } from "~/messages/forms";

const r = adminMessages.townships;

export const meta: MetaFunction = () => [{ title: `${c.home.adminTownships} · ${t.app.title}` }];

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
      return json({ ok: true as const, message: r.added(parsed.data.name, parsed.data.code) });
    }
    if (intent === "retire") {
      const parsed = parseForm(RetireTownshipSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      await retireTownship(staffActor(admin, request), parsed.data.code);
      return json({ ok: true as const, message: r.retired(parsed.data.code) });
    }
    if (intent === "congress-seated") {
      const parsed = parseForm(CongressSeatedSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      const { name } = await setCongressSeated(staffActor(admin, request), parsed.data.code, parsed.data.seatedDeputies);
      return json({ ok: true as const, message: r.congressSetDone(name, parsed.data.seatedDeputies) });
    }
  } catch (error) {
    if (error instanceof Refusal) return json({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
  return json({ ok: false as const, message: c.errors.unknownIntent }, { status: 400 });
}

export default function RegisterAdminPage() {
  const { changes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section>
      <h1>{c.home.adminTownships}</h1>
      <p className="note">{r.note(t.register.statisticalRegister, REGISTER.civilAffairsTownships)}</p>
      {result && (
        <p className={result.ok ? "flash" : "flash error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      )}
      <div className="admin-forms">
        <Form method="post" className="stack narrow">
          <h2>{r.addHeading}</h2>
          <input type="hidden" name="intent" value="add" />
          <label className="field">
            <span>{r.code}</span>
            <input name="code" required inputMode="numeric" pattern="\d{9}" />
          </label>
          <label className="field">
            <span>{t.register.name}</span>
            <input name="name" required maxLength={31} />
          </label>
          <label className="field">
            <span>{t.register.kind}</span>
            <select name="kind" defaultValue={formMessages.township.kinds[0]}>
              {formMessages.township.kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{r.seated}</span>
            <input name="seatedDeputies" type="number" min={1} max={160} required />
          </label>
          <label className="field">
            <span>{r.population}</span>
            <input name="population" type="number" min={0} max={1000000} required aria-describedby="population-note" />
            <small id="population-note">{r.populationNote}</small>
          </label>
          <button className="button primary" type="submit" disabled={busy}>
            {r.add}
          </button>
        </Form>
        <Form method="post" className="stack narrow">
          <h2>{r.retireHeading}</h2>
          <input type="hidden" name="intent" value="retire" />
          <label className="field">
            <span>{r.code}</span>
            <input name="code" required inputMode="numeric" pattern="\d{9}" />
          </label>
          <button className="button" type="submit" disabled={busy}>
            {r.retire}
          </button>
        </Form>
        <Form method="post" className="stack narrow">
          <h2>{r.congressHeading}</h2>
          <p className="note">{r.congressLead}</p>
          <input type="hidden" name="intent" value="congress-seated" />
          <label className="field">
            <span>{r.countyCode}</span>
            <input name="code" required inputMode="numeric" pattern="\d{6}" />
          </label>
          <label className="field">
            <span>{r.congressSeated}</span>
            <input name="seatedDeputies" type="number" min={1} max={472} required />
          </label>
          <button className="button" type="submit" disabled={busy}>
            {r.congressSet}
          </button>
        </Form>
      </div>
      <table className="data-table">
        <caption>{r.changesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.register.name}</th>
            <th scope="col" className="num">
              {t.register.code}
            </th>
            <th scope="col">{t.register.counties}</th>
            <th scope="col">{r.change}</th>
          </tr>
        </thead>
        <tbody>
          {changes.length === 0 && (
            <tr>
              <td colSpan={4}>{r.noChanges}</td>
            </tr>
          )}
          {changes.map((township) => (
            <tr key={township.code}>
              <th scope="row">{township.name}</th>
              <td className="num">{township.code}</td>
              <td>{township.county.name}</td>
              <td>{township.retiredAt ? r.retiredOn(formatDate(township.retiredAt)) : r.addedByAdmin}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
