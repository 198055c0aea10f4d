/**
 * Charts drawn on the server as SVG (no JavaScript needed), positioned by d3-scale. Each chart is
 * an image with a title and a description for assistive technology, followed by the same numbers
 * as a table (collapsed under a summary) for anyone who would rather read them.
 */
import { scaleBand, scaleLinear, scaleUtc } from "d3-scale";
import { useId } from "react";
import type { Funnel } from "~/domain/collection";
import type { Bin, ProgressPoint } from "~/domain/coverage";
import { monitorMessages } from "~/messages/monitor";
import { countTicks } from "~/utils/chart-ticks";
import type { CountyMap } from "~/utils/county-map";
import { formatInteger, formatPercent } from "~/utils/format";
import { commonMessages } from "~/messages/common";
import { formatMessages } from "~/messages/formats";

const m = monitorMessages.monitor;

interface ChartFrame {
  title: string;
  description: string;
  children: React.ReactNode;
  /** The figures as a table, under a summary; null when the page shows them in a table of its own right after. */
  table: React.ReactNode | null;
  width: number;
  height: number;
  /** A chart whose marks are links (the map) is a group of them, not one image: an image's parts cannot be focused. */
  interactive?: boolean;
}

function Chart({ title, description, children, table, width, height, interactive = false }: ChartFrame) {
  const id = useId();
  return (
    <figure className="chart">
      <figcaption className="chart-title" id={`${id}-caption`}>
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role={interactive ? "group" : "img"}
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      {table !== null && (
        <details className="chart-data">
          <summary>{m.showData}</summary>
          {table}
        </details>
      )}
    </figure>
  );
}

/** Horizontal bars of a ratio (0–100%) per area, with the figure at the end of each bar. */
export function CoverageBars({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ code: string; name: string; coverage: number | null; published: number; register: number }>;
}) {
  const width = 720;
  const margin = { top: 28, right: 70, bottom: 12, left: 170 };
  const height = margin.top + margin.bottom + rows.length * 30;
  const y = scaleBand<string>()
    .domain(rows.map((row) => row.code))
    .range([margin.top, height - margin.bottom])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, 1])
    .range([margin.left, width - margin.right]);
  const description = rows.map((row) => `${row.name} ${row.coverage === null ? m.noData : formatPercent(row.coverage)}`).join("，");
  return (
    <Chart
      title={title}
      description={description}
      width={width}
      height={height}
      table={
        <table className="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.columns.name}</th>
              <th scope="col" className="num">
                {m.columns.published}
              </th>
              <th scope="col" className="num">
                {m.columns.register}
              </th>
              <th scope="col" className="num">
                {m.columns.coverage}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                <td className="num">{formatInteger(row.published)}</td>
                <td className="num">{formatInteger(row.register)}</td>
                <td className="num">{row.coverage === null ? m.noData : formatPercent(row.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {x.ticks(5).map((tick) => (
        <g key={tick} aria-hidden="true">
          <line x1={x(tick)} x2={x(tick)} y1={margin.top - 4} y2={height - margin.bottom} className="chart-grid" />
          <text x={x(tick)} y={margin.top - 10} textAnchor="middle" className="chart-tick">
            {formatPercent(tick).replace(".0", "")}
          </text>
        </g>
      ))}
      {rows.map((row) => {
        const top = y(row.code)!;
        const value = row.coverage ?? 0;
        return (
          <g key={row.code}>
            <text x={margin.left - 8} y={top + y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="chart-label">
              {row.name}
            </text>
            <rect x={x(0)} y={top} width={Math.max(0, x(value) - x(0))} height={y.bandwidth()} className={value >= 1 ? "chart-bar is-full" : "chart-bar"} />
            <text x={x(value) + 6} y={top + y.bandwidth() / 2} dy="0.35em" className="chart-value">
              {row.coverage === null ? m.noData : formatPercent(row.coverage)}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

/** Column chart of counts per bin (turnout distribution). */
export function TurnoutHistogram({ bins, count }: { bins: Bin[]; count: number }) {
  const width = 720;
  const height = 300;
  const margin = { top: 16, right: 16, bottom: 48, left: 56 };
  const label = (bin: Bin) => `${formatPercent(bin.from).replace(".0", "")}–${formatPercent(bin.to).replace(".0", "")}`;
  const x = scaleBand<string>()
    .domain(bins.map(label))
    .range([margin.left, width - margin.right])
    .padding(0.12);
  const yTicks = countTicks(Math.max(...bins.map((bin) => bin.count)));
  const y = scaleLinear()
    .domain([0, yTicks.at(-1)!])
    .range([height - margin.bottom, margin.top]);
  const description = m.turnoutChartDesc(formatInteger(count)) + bins.map((bin) => `${label(bin)}：${bin.count}`).join("，");
  return (
    <Chart
      title={m.turnoutChart}
      description={description}
      width={width}
      height={height}
      table={
        <table className="data-table">
          <caption>{m.turnoutChart}</caption>
          <thead>
            <tr>
              <th scope="col">{m.bin}</th>
              <th scope="col" className="num">
                {m.townshipCount}
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.from}>
                <th scope="row">{label(bin)}</th>
                <td className="num">{formatInteger(bin.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {yTicks.map((tick) => (
        <g key={tick} aria-hidden="true">
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
          <text x={margin.left - 8} y={y(tick)} dy="0.35em" textAnchor="end" className="chart-tick">
            {formatInteger(tick)}
          </text>
        </g>
      ))}
      {bins.map((bin) => {
        const key = label(bin);
        return (
          <g key={key}>
            <rect x={x(key)} y={y(bin.count)} width={x.bandwidth()} height={y(0) - y(bin.count)} className="chart-bar" />
            {bin.count > 0 && (
              <text x={x(key)! + x.bandwidth() / 2} y={y(bin.count) - 4} textAnchor="middle" className="chart-value">
                {formatInteger(bin.count)}
              </text>
            )}
            <text x={x(key)! + x.bandwidth() / 2} y={height - margin.bottom + 20} textAnchor="middle" className="chart-tick">
              {key}
            </text>
          </g>
        );
      })}
      <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle" className="chart-axis-label" aria-hidden="true">
        {m.bin}
      </text>
    </Chart>
  );
}

/** Step line of the townships published by date through the year, against the register. */
export function ProgressChart({ points, register, year }: { points: ProgressPoint[]; register: number; year: number }) {
  const width = 720;
  const height = 300;
  const margin = { top: 20, right: 24, bottom: 40, left: 64 };
  const start = new Date(Date.UTC(year, 0, 1));
  const end = new Date(Date.UTC(year, 11, 31));
  const x = scaleUtc()
    .domain([start, end])
    .range([margin.left, width - margin.right]);
  const yTicks = countTicks(register);
  const y = scaleLinear()
    .domain([0, yTicks.at(-1)!])
    .range([height - margin.bottom, margin.top]);
  const at = (date: string) => x(new Date(`${date}T00:00:00Z`));
  let path = `M${x(start)},${y(0)}`;
  for (const point of points) path += `H${at(point.date)}V${y(point.total)}`;
  const last = points[points.length - 1];
  if (last) path += `H${Math.min(x(end), at(last.date) + 6)}`;
  const description = m.progressChartDesc(formatInteger(last?.total ?? 0), formatInteger(register));
  return (
    <Chart
      title={m.progressChart}
      description={description}
      width={width}
      height={height}
      table={
        <table className="data-table">
          <caption>{m.progressChart}</caption>
          <thead>
            <tr>
              <th scope="col">{m.date}</th>
              <th scope="col" className="num">
                {m.added}
              </th>
              <th scope="col" className="num">
                {m.cumulative}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.date}>
                <th scope="row">{point.date}</th>
                <td className="num">{formatInteger(point.added)}</td>
                <td className="num">{formatInteger(point.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {yTicks.map((tick) => (
        <g key={tick} aria-hidden="true">
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
          <text x={margin.left - 8} y={y(tick)} dy="0.35em" textAnchor="end" className="chart-tick">
            {formatInteger(tick)}
          </text>
        </g>
      ))}
      {x.ticks(12).map((tick) => (
        <text key={tick.getTime()} x={x(tick)} y={height - margin.bottom + 20} textAnchor="middle" className="chart-tick" aria-hidden="true">
          {formatMessages.month(tick.getUTCMonth() + 1)}
        </text>
      ))}
      <line x1={margin.left} x2={width - margin.right} y1={y(register)} y2={y(register)} className="chart-target" />
      <text x={width - margin.right} y={y(register) - 6} textAnchor="end" className="chart-tick">{`${m.register} ${formatInteger(register)}`}</text>
      <path d={path} className="chart-line" />
    </Chart>
  );
}

/** 征集漏斗: the area's proposals received, then projects pooled, approved as candidates and selected, as bars. */
export function CollectionFunnelChart({ funnel }: { funnel: Funnel }) {
  const c = monitorMessages.collection;
  const stages = [
    { key: "received", label: c.received, value: funnel.received, unit: c.unit.proposals },
    { key: "pooled", label: c.pooled, value: funnel.pooled, unit: c.unit.projects },
    { key: "candidates", label: c.candidates, value: funnel.candidates, unit: c.unit.projects },
    { key: "selected", label: c.selected, value: funnel.selected, unit: c.unit.projects },
  ] as const;
  const width = 720;
  const margin = { top: 16, right: 90, bottom: 12, left: 130 };
  const height = margin.top + margin.bottom + stages.length * 44;
  const y = scaleBand<string>()
    .domain(stages.map((stage) => stage.key))
    .range([margin.top, height - margin.bottom])
    .padding(0.25);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...stages.map((stage) => stage.value))])
    .range([margin.left, width - margin.right]);
  const description = c.chartDesc(...(stages.map((stage) => formatInteger(stage.value)) as [string, string, string, string]));
  return (
    <Chart
      title={c.chart}
      description={description}
      width={width}
      height={height}
      table={
        <table className="data-table">
          <caption>{c.chart}</caption>
          <thead>
            <tr>
              <th scope="col">{c.stage}</th>
              <th scope="col" className="num">
                {c.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={stage.key}>
                <th scope="row">{stage.label}</th>
                <td className="num">{`${formatInteger(stage.value)} ${stage.unit}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {stages.map((stage) => {
        const top = y(stage.key)!;
        return (
          <g key={stage.key}>
            <text x={margin.left - 8} y={top + y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="chart-label">
              {stage.label}
            </text>
            <rect x={x(0)} y={top} width={Math.max(0, x(stage.value) - x(0))} height={y.bandwidth()} className="chart-bar" />
            <text x={x(stage.value) + 6} y={top + y.bandwidth() / 2} dy="0.35em" className="chart-value">
              {`${formatInteger(stage.value)} ${stage.unit}`}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

interface StackedSegment<Key extends string> {
  key: Key;
  label: string;
}

/**
 * Horizontal stacked bars, one per area: each bar split into the segments given (drawn with the
 * class chart-<key>), on a scale of the largest `total`, with `valueLabel` at the end of the bar.
 */
function StackedBars<Key extends string, Row extends { code: string; name: string } & Record<Key, number>>({
  title,
  description,
  rows,
  segments,
  total,
  totalLabel,
  valueLabel,
}: {
  title: string;
  description: string;
  rows: readonly Row[];
  segments: ReadonlyArray<StackedSegment<Key>>;
  total: (row: Row) => number;
  totalLabel: string;
  valueLabel: (row: Row) => string;
}) {
  const width = 720;
  const margin = { top: 40, right: 70, bottom: 12, left: 170 };
  const height = margin.top + margin.bottom + rows.length * 30;
  const y = scaleBand<string>()
    .domain(rows.map((row) => row.code))
    .range([margin.top, height - margin.bottom])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map(total))])
    .range([margin.left, width - margin.right]);
  return (
    <Chart
      title={title}
      description={description}
      width={width}
      height={height}
      table={
        <table className="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.columns.name}</th>
              <th scope="col" className="num">
                {totalLabel}
              </th>
              {segments.map((segment) => (
                <th key={segment.key} scope="col" className="num">
                  {segment.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                <td className="num">{formatInteger(total(row))}</td>
                {segments.map((segment) => (
                  <td key={segment.key} className="num">
                    {formatInteger(row[segment.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g aria-hidden="true">
        {segments.map((segment, i) => (
          <g key={segment.key}>
            <rect x={margin.left + i * 150} y={8} width={16} height={16} className={`chart-bar chart-${segment.key}`} />
            <text x={margin.left + i * 150 + 22} y={16} dy="0.35em" className="chart-tick">
              {segment.label}
            </text>
          </g>
        ))}
      </g>
      {rows.map((row) => {
        const top = y(row.code)!;
        let from = 0;
        return (
          <g key={row.code}>
            <text x={margin.left - 8} y={top + y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="chart-label">
              {row.name}
            </text>
            {segments.map((segment) => {
              const start = from;
              from += row[segment.key];
              return (
                <rect
                  key={segment.key}
                  x={x(start)}
                  y={top}
                  width={Math.max(0, x(from) - x(start))}
                  height={y.bandwidth()}
                  className={`chart-bar chart-${segment.key}`}
                />
              );
            })}
            <text x={x(from) + 6} y={top + y.bandwidth() / 2} dy="0.35em" className="chart-value">
              {valueLabel(row)}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

/** 项目实施进展: each area's selected projects as one bar, split into completed, in progress and not started. */
export function ImplementationBars({
  title,
  rows,
}: {
  title: string;
  rows: ReadonlyArray<{ code: string; name: string; selected: number; completed: number; inProgress: number; notStarted: number }>;
}) {
  const im = monitorMessages.implementation;
  const description = rows
    .map((row) => `${row.name}：${im.chartDesc(formatInteger(row.completed), formatInteger(row.inProgress), formatInteger(row.notStarted))}`)
    .join("");
  return (
    <StackedBars
      title={title}
      description={description}
      rows={rows}
      segments={[
        { key: "completed", label: im.completed },
        { key: "inProgress", label: im.inProgress },
        { key: "notStarted", label: im.notStarted },
      ]}
      total={(row) => row.selected}
      totalLabel={im.selected}
      valueLabel={(row) => `${formatInteger(row.selected)} ${im.unit}`}
    />
  );
}

/** 满意度测评: each area's rated projects as one bar, split into 满意, 基本满意 and 不满意. */
export function SatisfactionBars({
  title,
  rows,
}: {
  title: string;
  rows: ReadonlyArray<{ code: string; name: string; rated: number; satisfied: number; basicallySatisfied: number; dissatisfied: number }>;
}) {
  const sm = monitorMessages.satisfaction;
  const grade = commonMessages.satisfaction;
  const description = rows
    .map((row) => `${row.name}：${sm.chartDesc(formatInteger(row.satisfied), formatInteger(row.basicallySatisfied), formatInteger(row.dissatisfied))}`)
    .join("");
  return (
    <StackedBars
      title={title}
      description={description}
      rows={rows}
      segments={[
        { key: "satisfied", label: grade.satisfied },
        { key: "basicallySatisfied", label: grade["basically-satisfied"] },
        { key: "dissatisfied", label: grade.dissatisfied },
      ]}
      total={(row) => row.rated}
      totalLabel={sm.rated}
      valueLabel={(row) => `${formatInteger(row.rated)} ${sm.unit}`}
    />
  );
}

/**
 * 覆盖率地图: each county coloured by the share of its townships that published their vote this year
 * (five classes, grey without townships), each a link, with the figures as a table. The paths come
 * projected from the server (app/utils/county-map.ts).
 */
/** The county congress's mark on the map: a dot at the county's centre. */
const MARK_RADIUS = 4;

export function CountyCoverageMap({ map, area, tableFollows = false }: { map: CountyMap; area: string; tableFollows?: boolean }) {
  const mm = m.map;
  const title = mm.title(area);
  const withTownships = map.counties.filter((county) => county.register > 0 || county.congressVoted);
  const description = mm.description(
    formatInteger(withTownships.length + map.unmapped.length),
    formatInteger(withTownships.filter((county) => county.published === county.register).length),
    formatInteger(withTownships.filter((county) => county.published === 0).length),
  );
  const rows = [...withTownships, ...map.unmapped].sort((a, b) => a.code.localeCompare(b.code));
  return (
    <div className="county-map">
      <Chart
        title={title}
        description={description}
        width={map.width}
        height={map.height}
        interactive
        table={
          tableFollows ? null : (
            <table className="data-table">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{mm.county}</th>
                  <th scope="col" className="num">
                    {m.columns.published}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.register}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.coverage}
                  </th>
                  <th scope="col">{mm.shade}</th>
                  <th scope="col">{mm.congress}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <a href={row.href}>{row.name}</a>
                    </th>
                    <td className="num">{formatInteger(row.published)}</td>
                    <td className="num">{formatInteger(row.register)}</td>
                    <td className="num">{row.coverage === null ? m.noData : formatPercent(row.coverage)}</td>
                    <td>{row.shade === null ? mm.grey : mm.classes[row.shade]}</td>
                    <td>{row.congressVoted ? mm.congressVoted : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      >
        {map.counties.map((county) => (
          <a key={county.code} href={county.href} className="map-county">
            <title>
              {(county.register > 0
                ? mm.countyTitle(county.name, formatInteger(county.published), formatInteger(county.register))
                : mm.noTownships(county.name)) + (county.congressVoted ? mm.congressTitle : "")}
            </title>
            <path d={county.d} className={county.shade === null ? "map-none" : `map-shade-${county.shade}`} />
            {county.congressVoted && <circle cx={county.centre[0]} cy={county.centre[1]} r={MARK_RADIUS} className="map-congress" />}
          </a>
        ))}
      </Chart>
      <ul className="map-legend" aria-label={mm.legend}>
        {mm.classes.map((label, shade) => (
          <li key={label}>
            <svg width="16" height="16" aria-hidden="true">
              <rect width="16" height="16" className={`map-shade-${shade}`} />
            </svg>
            {label}
          </li>
        ))}
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <rect width="16" height="16" className="map-none" />
          </svg>
          {mm.grey}
        </li>
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r={MARK_RADIUS} className="map-congress" />
          </svg>
          {mm.congressVoted}
        </li>
      </ul>
      {map.unmapped.length > 0 && <p className="report-small">{mm.unmapped(map.unmapped.map((county) => county.name).join("、"))}</p>}
      <p className="report-small">{mm.source}</p>
    </div>
  );
}
