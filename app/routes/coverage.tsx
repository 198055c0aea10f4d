/** 覆盖率: the province's coverage this year (townships that published a vote ÷ the register), by city and county. Public. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CountyCoverageMap, CoverageBars } from "~/components/monitor/Charts";
import { countyMapOf } from "~/data/county-map.server";
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { chooseYear, coverageOverview } from "~/services/monitor-views.server";
import styles from "~/styles/monitor.css";
import { formatInteger, formatPercent } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? monitorMessages.coverage.title(data.year) : monitorMessages.coverage.metaTitle} · ${t.app.title}` },
];

const l = monitorMessages.coverage;
const pct = (value: number | null) => (value === null ? "—" : formatPercent(value));

export async function loader({ request }: LoaderFunctionArgs) {
  const { year, years } = await chooseYear(new URL(request.url).searchParams.get("year"));
  const overview = await coverageOverview(year);
  const map = countyMapOf(
    "43",
    overview.counties.map(({ code, name, published, register, congress }) => ({ code, name, published, register, congressVoted: congress === "published" })),
    (code) => `/counties/${code}`,
  );
  return json({ ...overview, years, map });
}

export default function CoveragePage() {
  const { year, years, register, province, congressRegister, congresses, cities, counties, map } = useLoaderData<typeof loader>();
  return (
    <div className="monitor">
      <nav aria-label={monitorMessages.township.trail} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <span>{l.metaTitle}</span>
      </nav>
      <h1>{l.title(year)}</h1>
      <Form method="get" className="year-form">
        <label className="field inline">
          <span>{l.yearLabel}</span>
          <select name="year" defaultValue={year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button small">
          {l.show}
        </button>
      </Form>
      <dl className="stat-row coverage-headline" aria-label={l.ratio}>
        <div className="stat stat-main">
          <dt>{l.ratio}</dt>
          <dd>{pct(province.coverage)}</dd>
        </div>
        <div className="stat">
          <dt>{l.published}</dt>
          <dd>{formatInteger(province.published)}</dd>
        </div>
        <div className="stat">
          <dt>{l.register}</dt>
          <dd>{formatInteger(register.count)}</dd>
        </div>
      </dl>
      <dl className="stat-row" aria-label={l.congress}>
        <div className="stat">
          <dt>{l.townshipLevel}</dt>
          <dd>{l.levelFigure(formatInteger(province.published), formatInteger(register.count))}</dd>
        </div>
        <div className="stat">
          <dt>{l.countyLevel}</dt>
          <dd>{l.levelFigure(formatInteger(congresses.published), formatInteger(congressRegister.count))}</dd>
        </div>
      </dl>
      <p className="lead">{l.lead}</p>
      <p className="lead">{l.countyLevelLead(congressRegister.name, formatInteger(congressRegister.count))}</p>
      <p className="note">{l.registerNote(register.name, formatInteger(register.count), formatInteger(register.civilAffairs), register.civilAffairsSource)}</p>
      {province.published === 0 && <p className="note">{l.none}</p>}

      <h2>{l.cities}</h2>
      <CoverageBars title={l.chartTitle} rows={cities} />
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{l.cities}</caption>
          <thead>
            <tr>
              <th scope="col">{l.city}</th>
              <th scope="col" className="num">
                {l.register}
              </th>
              <th scope="col" className="num">
                {l.published}
              </th>
              <th scope="col" className="num">
                {l.ratio}
              </th>
              <th scope="col" className="num">
                {l.congress}
              </th>
            </tr>
          </thead>
          <tbody>
            {cities.map((city) => (
              <tr key={city.code}>
                <th scope="row">
                  <Link to={`/cities/${city.code}`}>{city.name}</Link>
                </th>
                <td className="num">{formatInteger(city.register)}</td>
                <td className="num">{formatInteger(city.published)}</td>
                <td className="num">{pct(city.coverage)}</td>
                <td className="num">{l.levelFigure(formatInteger(city.congresses.published), formatInteger(city.congresses.register))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{l.counties}</h2>
      {/* The county table right after carries the map's figures. */}
      <CountyCoverageMap map={map} area={t.register.province} tableFollows />
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{l.counties}</caption>
          <thead>
            <tr>
              <th scope="col">{l.county}</th>
              <th scope="col">{l.city}</th>
              <th scope="col" className="num">
                {l.register}
              </th>
              <th scope="col" className="num">
                {l.published}
              </th>
              <th scope="col" className="num">
                {l.ratio}
              </th>
              <th scope="col">{l.congress}</th>
            </tr>
          </thead>
          <tbody>
            {counties.map((county) => (
              <tr key={county.code} className={county.coverage !== null && county.coverage < 1 ? "is-short" : undefined}>
                <th scope="row">
                  <Link to={`/counties/${county.code}`}>{county.name}</Link>
                </th>
                <td>{county.cityName}</td>
                <td className="num">{formatInteger(county.register)}</td>
                <td className="num">{formatInteger(county.published)}</td>
                <td className="num">{pct(county.coverage)}</td>
                <td>{county.congress === null ? "—" : monitorMessages.monitor.states[county.congress]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
