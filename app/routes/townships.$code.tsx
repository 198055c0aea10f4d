/** 乡镇: a township's sessions by year, each with its published notices (公告). Public. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { collectionMessages } from "~/messages/collection";
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { townshipPage } from "~/services/monitor-views.server";
import { CongressSessions } from "~/components/public/CongressSessions";
import styles from "~/styles/monitor.css";
import { consoleMessages as c } from "~/messages/console";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.township.name ?? ""} · ${t.app.title}` }];

const l = monitorMessages.township;

export async function loader({ params }: LoaderFunctionArgs) {
  const page = /^\d{9}$/.test(params.code ?? "") ? await townshipPage(params.code!) : null;
  if (!page) throw new Response(c.errors.townshipNotFound, { status: 404 });
  return json(page);
}

export default function TownshipPage() {
  const { township, years, campaignYears } = useLoaderData<typeof loader>();
  return (
    <div className="monitor">
      <nav aria-label={l.trail} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <Link to={`/cities/${township.cityCode}`}>{township.cityName}</Link> ›{" "}
        <Link to={`/counties/${township.countyCode}`}>{township.countyName}</Link> › <span>{township.name}</span>
      </nav>
      <h1>
        {township.name} <small className="tag">{township.kind}</small>
      </h1>
      <p className="lead">
        {l.code} {township.code}
        {township.retired && <span className="tag">{l.retired}</span>}
      </p>
      {campaignYears.length > 0 && (
        <section aria-labelledby="campaigns-heading" className="monitor-section">
          <h2 id="campaigns-heading">{collectionMessages.console.sectionHeading}</h2>
          <ul className="notice-links">
            {campaignYears.map((year) => (
              <li key={year}>
                <Link to={`/campaigns/${township.code}/${year}`} className="button small">
                  {collectionMessages.console.navLink(year)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <CongressSessions code={township.code} years={years} empty={l.noSessions} />
    </div>
  );
}
