import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { histogram, TURNOUT_THRESHOLDS } from "~/domain/coverage";
import { ProgressChart, TurnoutHistogram } from "./Charts";

/** The labels of the value axis: the tick texts left of the plot (text-anchor end). */
function yLabels(markup: string): string[] {
  return [...markup.matchAll(/<text[^>]*text-anchor="end" class="chart-tick">([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe("count axes", () => {
  it("出席率分布 with one township labels its axis 0 and 1, each once", () => {
    const markup = renderToStaticMarkup(<TurnoutHistogram bins={histogram([0.9], TURNOUT_THRESHOLDS)} count={1} />);
    expect(yLabels(markup)).toEqual(["0", "1"]);
  });

  it("出席率分布 with three townships in one bin labels 0 to 3", () => {
    const markup = renderToStaticMarkup(<TurnoutHistogram bins={histogram([0.9, 0.91, 0.92], TURNOUT_THRESHOLDS)} count={3} />);
    expect(yLabels(markup)).toEqual(["0", "1", "2", "3"]);
  });

  it("the year's progress against a register of three townships labels 0 to 3", () => {
    const markup = renderToStaticMarkup(<ProgressChart points={[{ date: "2026-01-15", added: 1, total: 1 }]} register={3} year={2026} />);
    expect(yLabels(markup).filter((label) => /^\d+$/.test(label))).toEqual(["0", "1", "2", "3"]);
  });
});
