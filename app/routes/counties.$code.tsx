import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countyWithTownships } from "~/data/register.server";
import { commonMessages as t } from "~/messages/common";
import { formatInteger } from "~/utils/format";
import { monitorMessages } from "~/messages/monitor";
import { chooseYear, townshipPage, townshipStatesOfCounty } from "~/services/monitor-views.server";
import { CongressSessions } from "~/components/public/CongressSessions";
import { registerMessages } from "~/messages/register";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? ""} · ${t.app.title}` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const county = await countyWithTownships(params.code ?? "");
  if (!county) throw new Response(t.errors.notFoundCounty, { status: 404 });
  const { year } = await chooseYear(null);
  // The county congress's own sessions and notices (县级人大票决), beside its townships.
  const congressPage = county.congress ? await townshipPage(county.code) : null;
  return json({ ...county, year, states: await townshipStatesOfCounty(year, county.code), congressYears: congressPage?.years ?? [] });
}

export default function CountyPage() {
  const county = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label={monitorMessages.township.trail} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <Link to={`/cities/${county.city.code}`}>{county.city.name}</Link> › <span>{county.name}</span>
      </nav>
      <h1>
        {county.name} <small className="tag">{county.kind}</small>
      </h1>
      {county.congress && (
        <section aria-labelledby="congress-heading" className="monitor">
          <h2 id="congress-heading">{registerMessages.congressHeading(county.name)}</h2>
          <p className="lead">
            {t.register.countyCongress(
              formatInteger(county.congress.seatedDeputies),
              formatInteger(county.congress.deputyQuota),
              formatInteger(county.congress.populationEstimate),
            )}
          </p>
          <CongressSessions code={county.code} years={county.congressYears} empty={registerMessages.noCongressSessions} nested />
        </section>
      )}
      <h2>{t.register.townships}</h2>
      {county.townships.length === 0 ? (
        <p className="note">{t.register.noTownships}</p>
      ) : (
        <>
          <p className="lead">{t.register.townshipCount(formatInteger(county.townships.length))}</p>
          <table className="data-table">
            <caption>{t.register.townships}</caption>
            <thead>
              <tr>
                <th scope="col">{t.register.name}</th>
                <th scope="col" className="num">
                  {t.register.code}
                </th>
                <th scope="col">{t.register.kind}</th>
                <th scope="col" className="num">
                  {t.register.villages}
                </th>
                <th scope="col" className="num">
                  {t.register.populationEstimate}
                </th>
                <th scope="col" className="num">
                  {t.register.quota}
                </th>
                <th scope="col" className="num">
                  {t.register.seated}
                </th>
                <th scope="col">{registerMessages.countyYear(county.year)}</th>
              </tr>
            </thead>
            <tbody>
              {county.townships.map((township) => (
                <tr key={township.code}>
                  <th scope="row">
                    <Link to={`/townships/${township.code}`}>{township.name}</Link>
                    {township.retiredAt && <small className="tag">{t.register.retired}</small>}
                  </th>
                  <td className="num">{township.code}</td>
                  <td>{township.kind}</td>
                  <td className="num">{formatInteger(township.villages)}</td>
                  <td className="num">≈{formatInteger(township.populationEstimate)}</td>
                  <td className="num">{formatInteger(township.deputyQuota)}</td>
                  <td className="num">{formatInteger(township.seatedDeputies)}</td>
                  <td>{county.states[township.code] ? monitorMessages.monitor.states[county.states[township.code]!] : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">{t.register.estimateNote}</p>
        </>
      )}
    </>
  );
}
