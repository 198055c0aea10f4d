/** 查找乡镇: by name (any part of it) or 9-digit code (or its first digits). Public; a full code goes straight to the township. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { searchTownships, SEARCH_LIMIT } from "~/services/monitor-views.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${monitorMessages.search.title} · ${t.app.title}` }];

const l = monitorMessages.search;

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const found = await searchTownships(q);
  if (/^\d{9}$/.test(found.query) && found.results.length === 1) throw redirect(`/townships/${found.query}`);
  return json(found);
}

export default function SearchPage() {
  const { query, results, truncated } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="monitor">
      <h1>{l.title}</h1>
      <Form method="get" role="search" className="search-form">
        <label className="field">
          <span>{l.label}</span>
          <input type="search" name="q" defaultValue={query} maxLength={40} aria-describedby="search-hint" />
        </label>
        <p id="search-hint" className="muted">
          {l.hint}
        </p>
        <button type="submit" className="button primary" disabled={busy}>
          {l.submit}
        </button>
      </Form>
      {query !== "" &&
        (results.length === 0 ? (
          <p className="note" role="status">
            {l.none(query)}
          </p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption>{l.results(query)}</caption>
              <thead>
                <tr>
                  <th scope="col">{l.name}</th>
                  <th scope="col" className="num">
                    {l.code}
                  </th>
                  <th scope="col">{l.county}</th>
                  <th scope="col">{l.city}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={`/townships/${row.code}`}>{row.name}</Link>
                      {row.retired && <small className="tag">{t.register.retired}</small>}
                    </th>
                    <td className="num">{row.code}</td>
                    <td>{row.countyName}</td>
                    <td>{row.cityName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {truncated && <p className="note">{l.truncated(SEARCH_LIMIT)}</p>}
          </div>
        ))}
    </div>
  );
}
