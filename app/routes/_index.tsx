import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { provinceOverview } from "~/data/register.server";
import { REGISTER } from "~/domain/register";
import { commonMessages as t } from "~/messages/common";
import { formatInteger, formatPercent } from "~/utils/format";
import { monitorMessages } from "~/messages/monitor";
import { chooseYear, coverageByArea } from "~/services/monitor-views.server";
import monitorStyles from "~/styles/monitor.css";
import { registerMessages } from "~/messages/register";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorStyles }];
export const meta: MetaFunction = () => [{ title: `${t.register.province} · ${t.app.title}` }];

export async function loader() {
  const { year } = await chooseYear(null);
  return json({ ...(await provinceOverview()), year, coverage: await coverageByArea(year, "43", "city") });
}

export default function ProvincePage() {
  const { province, cities, year, coverage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t.register.province}</h1>
      <dl className="stat-row" aria-label={registerMessages.provinceOverview}>
        <Stat label={t.register.cities} value={cities.length} />
        <Stat label={t.register.counties} value={province.counties} />
        <Stat label={t.register.townships} value={province.townships} />
        <Stat label={t.register.seatedEstimate} value={province.seatedDeputies} />
      </dl>
      <p className="note">
        {t.register.registerNote(t.register.statisticalRegister, formatInteger(province.townships), formatInteger(REGISTER.civilAffairsTownships))}
        {province.managementZones > 0 && t.register.managementZoneNote(formatInteger(province.managementZones))}
      </p>
      <Form method="get" action="/search" role="search" className="register-search">
        <label>
          <span>{monitorMessages.search.label}</span> <input type="search" name="q" maxLength={40} />
        </label>{" "}
        <button type="submit" className="button small">
          {monitorMessages.search.submit}
        </button>{" "}
        <Link to="/coverage">{monitorMessages.coverage.title(year)}</Link>
      </Form>
      <table className="data-table">
        <caption>{t.register.cities}</caption>
        <thead>
          <tr>
            <th scope="col">{t.register.name}</th>
            <th scope="col" className="num">
              {t.register.code}
            </th>
            <th scope="col" className="num">
              {t.register.counties}
            </th>
            <th scope="col" className="num">
              {t.register.townships}
            </th>
            <th scope="col" className="num">
              {t.register.seatedEstimate}
            </th>
            <th scope="col" className="num">
              {registerMessages.ofYear(year, monitorMessages.coverage.ratio)}
            </th>
          </tr>
        </thead>
        <tbody>
          {cities.map((city) => (
            <tr key={city.code}>
              <th scope="row">
                <Link to={`/cities/${city.code}`}>{city.name}</Link>
              </th>
              <td className="num">{city.code}</td>
              <td className="num">
                {formatInteger(city.counties)}
                {city.managementZones > 0 && ` +${city.managementZones}`}
              </td>
              <td className="num">{formatInteger(city.townships)}</td>
              <td className="num">{formatInteger(city.seatedDeputies)}</td>
              <td className="num coverage-cell">
                <Link to={`/coverage?year=${year}`}>{coverage[city.code]?.coverage == null ? "—" : formatPercent(coverage[city.code]!.coverage!)}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{formatInteger(value)}</dd>
    </div>
  );
}
