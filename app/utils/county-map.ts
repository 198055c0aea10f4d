/**
 * The coverage map's geometry and colours: county outlines (app/data/hunan-map.json) projected with
 * d3-geo to SVG path strings, joined to each county's township coverage. Pure: the same outlines
 * and figures give the same map. Drawn by app/components/monitor/CountyMap.tsx.
 */
import { geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { scaleThreshold } from "d3-scale";

export interface CountyOutline {
  code: string;
  name: string;
  polygons: Array<Array<Array<[number, number]>>>;
}

/** A county's township coverage: 乡镇 that published a vote this year, of those in the register; and whether its own congress did. */
export interface CountyFigure {
  code: string;
  name: string;
  published: number;
  register: number;
  /** 县级人大票决: the county congress published a vote this year (marked on the map). */
  congressVoted: boolean;
}

/** The five classes of the coverage share: below 25%, 50%, 75%, 100%, and all (100%). */
export const MAP_THRESHOLDS = [0.25, 0.5, 0.75, 1] as const;
export const MAP_CLASSES = MAP_THRESHOLDS.length + 1;
const classOf = scaleThreshold<number, number>()
  .domain([...MAP_THRESHOLDS])
  .range([0, 1, 2, 3, 4]);

export interface MapCounty {
  code: string;
  name: string;
  /** The SVG path, in whole pixels (relative moves). */
  d: string;
  published: number;
  register: number;
  coverage: number | null;
  /** 0 (lowest) to 4 (all published); null for a county without townships (grey). */
  shade: number | null;
  congressVoted: boolean;
  /** Where the county congress's mark goes: the outline's centroid, in whole pixels. */
  centre: [number, number];
  href: string;
}

export interface CountyMap {
  width: number;
  height: number;
  counties: MapCounty[];
  /** Counties with townships but no outline: listed beside the map, not drawn. */
  unmapped: Array<CountyFigure & { coverage: number | null; shade: number | null; href: string }>;
}

export function coverageShade(published: number, register: number): number | null {
  return register > 0 ? classOf(published / register) : null;
}

/**
 * A d3-geo path context that writes whole pixels, relative after the first point, skips moves of
 * nothing and leaves out rings that shrink to a point. After `z` the current point is the ring's
 * start (as in SVG), so the next relative move counts from there.
 */
class PixelPath {
  private out = "";
  private x = 0;
  private y = 0;
  private started = false;
  private pending: [number, number] | null = null;
  private ringStart: [number, number] | null = null;
  private inLine = false;
  beginPath() {}
  moveTo(x: number, y: number) {
    this.pending = [Math.round(x), Math.round(y)];
  }
  lineTo(x: number, y: number) {
    const [px, py] = [Math.round(x), Math.round(y)];
    if (this.pending) {
      if (px === this.pending[0] && py === this.pending[1]) return;
      const [mx, my] = this.pending;
      this.out += this.started ? `m${mx - this.x},${my - this.y}` : `M${mx},${my}`;
      [this.x, this.y, this.started, this.ringStart, this.pending, this.inLine] = [mx, my, true, [mx, my], null, false];
    }
    if (px === this.x && py === this.y) return;
    const [dx, dy] = [px - this.x, py - this.y];
    // After an "l", further pairs are lines too: "l0,1-1,-1 6,0".
    this.out += this.inLine ? `${dx < 0 ? "" : " "}${dx},${dy}` : `l${dx},${dy}`;
    [this.x, this.y, this.inLine] = [px, py, true];
  }
  closePath() {
    if (this.pending) {
      this.pending = null;
      return;
    }
    if (!this.ringStart) return;
    this.out += "z";
    this.inLine = false;
    [this.x, this.y] = this.ringStart;
    this.ringStart = null;
  }
  arc() {}
  result() {
    return this.out;
  }
}

/**
 * Projects the outlines of `codes` (or all) to a map `width` pixels wide, with each county coloured
 * by its coverage and linked to `hrefOf(code)`. Outlines without a figure are counties without
 * townships (grey); figures without an outline come back as `unmapped`.
 */
export function buildCountyMap(
  outlines: readonly CountyOutline[],
  figures: readonly CountyFigure[],
  { width, hrefOf }: { width: number; hrefOf: (code: string) => string },
): CountyMap {
  const byCode = new Map(figures.map((figure) => [figure.code, figure]));
  const drawn = outlines.filter((outline) => outline.polygons.length > 0);
  const collection: GeoPermissibleObjects = {
    type: "FeatureCollection",
    features: drawn.map((outline) => ({ type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: outline.polygons } })),
  };
  const projection = geoMercator().fitWidth(width, collection);
  const [[, top], [, bottom]] = geoPath(projection).bounds(collection);
  const height = Math.ceil(bottom - top);
  projection.translate([projection.translate()[0], projection.translate()[1] - top]);
  const counties = drawn.map((outline): MapCounty => {
    const context = new PixelPath();
    geoPath(projection, context)({ type: "MultiPolygon", coordinates: outline.polygons });
    const figure = byCode.get(outline.code);
    const published = figure?.published ?? 0;
    const register = figure?.register ?? 0;
    const [x, y] = geoPath(projection).centroid({ type: "MultiPolygon", coordinates: outline.polygons });
    return {
      code: outline.code,
      name: figure?.name ?? outline.name,
      d: context.result(),
      published,
      register,
      coverage: register > 0 ? published / register : null,
      shade: coverageShade(published, register),
      congressVoted: figure?.congressVoted ?? false,
      centre: [Math.round(x), Math.round(y)],
      href: hrefOf(outline.code),
    };
  });
  const mapped = new Set(drawn.map((outline) => outline.code));
  const unmapped = figures
    .filter((figure) => !mapped.has(figure.code) && (figure.register > 0 || figure.congressVoted))
    .map((figure) => ({
      ...figure,
      coverage: figure.register > 0 ? figure.published / figure.register : null,
      shade: coverageShade(figure.published, figure.register),
      href: hrefOf(figure.code),
    }));
  return { width, height, counties, unmapped };
}
