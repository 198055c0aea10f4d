/** /console: a clerk goes to their township; an administrator opens any township by its code. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { consoleMessages as c } from "~/messages/console";
import { commonMessages as t } from "~/messages/common";
import { homeView, townshipOfCode } from "~/services/console-views.server";
import { requireStaff } from "~/services/auth.server";
import { formatDate } from "~/utils/format";
import { CONGRESS_CODE } from "~/domain/register";

export const meta: MetaFunction = () => [{ title: `${c.title} · ${t.app.title}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const code = new URL(request.url).searchParams.get("code")?.trim();
  let codeError: string | null = null;
  if (code !== undefined && user.role === "admin") {
    if (!CONGRESS_CODE.test(code)) codeError = c.home.codeInvalid;
    else if (!(await townshipOfCode(code))) codeError = c.home.codeNotFound(code);
    else throw redirect(`/console/townships/${code}`);
  }
  const view = await homeView(user);
  return json({ role: user.role, code: code ?? "", codeError, ...view });
}

export default function ConsoleHome() {
  const { role, code, codeError, township, sessions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{c.home.heading}</h1>
      {township && (
        <section aria-labelledby="own-township">
          <h2 id="own-township">{township.level === "county" ? c.home.yourCongress : c.home.yourTownship}</h2>
          <p>
            <Link className="button primary" to={`/console/townships/${township.code}`}>
              {township.level === "county" ? t.register.congressName(township.name) : township.name}
            </Link>
          </p>
          <h3>{c.home.sessions}</h3>
          {sessions.length === 0 ? (
            <p className="note">{c.home.noSessions}</p>
          ) : (
            <ul className="link-list">
              {sessions.map((session) => (
                <li key={session.id}>
                  <Link to={`/console/sessions/${session.id}`}>{session.title}</Link>
                  <small className="muted">
                    {" "}
                    · {formatDate(session.meetingDate)} · {session.place}
                  </small>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {role === "admin" && (
        <section aria-labelledby="open-township" className="narrow">
          <h2 id="open-township">{c.home.openTownship}</h2>
          <p className="lead">{c.home.openTownshipLead}</p>
          <Form method="get" className="stack">
            <label className="field">
              <span>{c.home.codeLabel}</span>
              <input
                name="code"
                inputMode="numeric"
                pattern="\d{6}|\d{9}"
                maxLength={9}
                defaultValue={code}
                aria-describedby="code-hint"
                aria-invalid={codeError ? true : undefined}
                required
              />
              <small id="code-hint" className="muted">
                {c.home.codeHint}
              </small>
            </label>
            {codeError && (
              <p className="form-error" role="alert">
                {codeError}
              </p>
            )}
            <div>
              <button type="submit" className="button primary">
                {c.home.open}
              </button>
            </div>
          </Form>
        </section>
      )}
      {role === "admin" && (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading">{c.home.adminHeading}</h2>
          <p className="action-row">
            <Link className="button" to="/console/admin/accounts">
              {c.home.adminAccounts}
            </Link>
            <Link className="button" to="/console/admin/townships">
              {c.home.adminTownships}
            </Link>
          </p>
        </section>
      )}
      {role === "monitor" && <p className="note">{c.home.monitor}</p>}
      {role === "clerk" && !township && <p className="note">{c.home.noTownship}</p>}
    </>
  );
}
