/** 账户管理 (administrator): staff accounts — create, reset a password (which ends its logins). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { listUsers } from "~/data/users.server";
import { consoleMessages as c } from "~/messages/console";
import { AccountSchema, PasswordResetSchema } from "~/schemas/admin";
import { createAccount, resetPassword } from "~/services/accounts.server";
import { Refusal } from "~/services/refusal";
import { requireAdmin, staffActor } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";
import { adminMessages } from "~/messages/admin";
import { commonMessages as t } from "~/messages/common";

const a = adminMessages.accounts;

export const meta: MetaFunction = () => [{ title: `${c.home.adminAccounts} · ${t.app.title}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ users: await listUsers() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  try {
    if (intent === "create") {
      const parsed = parseForm(AccountSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      const user = await createAccount(parsed.data, staffActor(admin, request));
      return json({ ok: true as const, intent, message: a.created(user.username) });
    }
    if (intent === "reset") {
      const parsed = parseForm(PasswordResetSchema, form);
      if (!parsed.ok) return json({ ok: false as const, message: parsed.message }, { status: 400 });
      await resetPassword(staffActor(admin, request), parsed.data.userId, parsed.data.password);
      return json({ ok: true as const, intent, message: a.passwordReset });
    }
  } catch (error) {
    if (error instanceof Refusal) return json({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
  return json({ ok: false as const, message: c.errors.unknownIntent }, { status: 400 });
}

export default function AccountsPage() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // After 已建立账户 (or a password reset) the form starts empty for the next account: without
  // JavaScript the page comes back fresh; with it, the same form stays mounted and is reset here.
  const createForm = useRef<HTMLFormElement>(null);
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (result?.ok && result.intent === "create") createForm.current?.reset();
    if (result?.ok && result.intent === "reset") table.current?.querySelectorAll("form").forEach((form) => form.reset());
  }, [result]);
  return (
    <section>
      <h1>{c.home.adminAccounts}</h1>
      {result && (
        <p className={result.ok ? "flash" : "flash error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      )}
      <table className="data-table" ref={table}>
        <caption>{a.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.login.username}</th>
            <th scope="col">{a.columns.displayName}</th>
            <th scope="col">{a.columns.role}</th>
            <th scope="col">{a.columns.scope}</th>
            <th scope="col">{a.columns.resetPassword}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.username}</th>
              <td>{user.displayName}</td>
              <td>{c.userRole[user.role]}</td>
              <td>
                {user.township
                  ? `${user.township.level === "county" ? t.register.congressName(user.township.name) : user.township.name}（${user.township.code}）`
                  : (user.areaCode ?? a.wholeProvince)}
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="reset" />
                  <input type="hidden" name="userId" value={user.id} />
                  <label className="field">
                    <span className="visually-hidden">{a.newPasswordOf(user.username)}</span>
                    <input name="password" type="password" minLength={10} required autoComplete="new-password" />
                  </label>
                  <button className="button small" type="submit" disabled={busy}>
                    {a.reset}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{a.createHeading}</h2>
      <Form method="post" className="stack narrow" ref={createForm}>
        <input type="hidden" name="intent" value="create" />
        <label className="field">
          <span>{t.login.username}</span>
          <input name="username" required pattern="[a-z0-9_.\-]{3,32}" autoComplete="off" />
        </label>
        <label className="field">
          <span>{a.columns.displayName}</span>
          <input name="displayName" required maxLength={40} />
        </label>
        <label className="field">
          <span>{a.initialPassword}</span>
          <input name="password" type="password" required minLength={10} autoComplete="new-password" />
        </label>
        <label className="field">
          <span>{a.columns.role}</span>
          <select name="role" defaultValue="clerk">
            {Object.entries(c.userRole).map(([role, label]) => (
              <option key={role} value={role}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{a.townshipCode}</span>
          <input name="townshipCode" inputMode="numeric" pattern="\d{6}|\d{9}" />
        </label>
        <label className="field">
          <span>{a.areaCode}</span>
          <input name="areaCode" inputMode="numeric" pattern="\d{4}|\d{6}" />
        </label>
        <button className="button primary" type="submit" disabled={busy}>
          {a.create}
        </button>
      </Form>
    </section>
  );
}
