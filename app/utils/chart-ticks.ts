/** Axis ticks for the monitor's charts. */
import { scaleLinear } from "d3-scale";

/**
 * Ticks for an axis of counts (townships, deputies): whole numbers only, from 0 to a round top at or
 * above `max`, about `count` of them, evenly spaced. A count axis with fractional ticks rounded for
 * display reads 0, 0, 0, 1, 1, 1 (issue 12); below `count` the step is 1.
 */
export function countTicks(max: number, count = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  return scaleLinear().domain([0, top]).nice(count).ticks(count).filter(Number.isInteger);
}
