import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cityOverview } from "~/data/register.server";
import { commonMessages as t } from "~/messages/common";
import { formatInteger, formatPercent } from "~/utils/format";
import { monitorMessages } from "~/messages/monitor";
import { chooseYear, coverageByArea } from "~/services/monitor-views.server";
import { registerMessages } from "~/messages/register";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.city.name ?? ""} · ${t.app.title}` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const overview = await cityOverview(params.code ?? "");
  if (!overview) throw new Response(t.errors.notFoundCity, { status: 404 });
  const { year } = await chooseYear(null);
  return json({ ...overview, year, coverage: await coverageByArea(year, overview.city.code, "county") });
}

export default function CityPage() {
  const { city, counties, year, coverage } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label={monitorMessages.township.trail} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <span>{city.name}</span>
      </nav>
      <h1>{city.name}</h1>
      <p className="lead">
        {t.register.countyCount(formatInteger(city.counties))}
        {city.managementZones > 0 && ` · ${registerMessages.managementZoneCount(city.managementZones, t.register.managementZones)}`} ·{" "}
        {t.register.townshipCount(formatInteger(city.townships))}
      </p>
      <table className="data-table">
        <caption>{t.register.counties}</caption>
        <thead>
          <tr>
            <th scope="col">{t.register.name}</th>
            <th scope="col">{t.register.kind}</th>
            <th scope="col" className="num">
              {t.register.code}
            </th>
            <th scope="col" className="num">
              {t.register.townships}
            </th>
            <th scope="col" className="num">
              {t.register.seated}
            </th>
            <th scope="col" className="num">
              {registerMessages.ofYear(year, monitorMessages.coverage.ratio)}
            </th>
          </tr>
        </thead>
        <tbody>
          {counties.map((county) => (
            <tr key={county.code}>
              <th scope="row">
                <Link to={`/counties/${county.code}`}>{county.name}</Link>
              </th>
              <td>{county.kind}</td>
              <td className="num">{county.code}</td>
              <td className="num">{formatInteger(county.townships)}</td>
              <td className="num">{formatInteger(county.seatedDeputies)}</td>
              <td className="num">{coverage[county.code]?.coverage == null ? "—" : formatPercent(coverage[county.code]!.coverage!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
