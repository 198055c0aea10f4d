import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { histogram, TURNOUT_THRESHOLDS } from "~/domain/coverage";
import { CollectionFunnelChart, ImplementationBars, ProgressChart, SatisfactionBars, TurnoutHistogram } from "./Charts";

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

describe("the collection funnel", () => {
  it("draws a bar per stage, the longest for the largest count, and says the figures in words and in its table", () => {
    const markup = renderToStaticMarkup(
      <CollectionFunnelChart funnel={{ received: 120, pending: 3, removed: 1, unscreened: 0, declined: 40, pooled: 36, candidates: 12, selected: 10 }} />,
    );
    const widths = [...markup.matchAll(/<rect[^>]*width="([\d.]+)"[^>]*class="chart-bar"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(4);
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(widths[1]).toBeGreaterThan(widths[2]!);
    expect(widths[2]).toBeGreaterThan(widths[3]!);
    expect(markup).toContain("收到建议 120 条，合并、初审后入库 36 项，党委审定候选 12 项，代表票决选中 10 项。");
    expect(markup).toContain('<td class="num">10 项</td>');
  });

  it("draws empty bars, not a division by zero, before any proposal", () => {
    const markup = renderToStaticMarkup(
      <CollectionFunnelChart funnel={{ received: 0, pending: 0, removed: 0, unscreened: 0, declined: 0, pooled: 0, candidates: 0, selected: 0 }} />,
    );
    expect(markup).not.toContain("NaN");
  });
});

describe("the implementation bars", () => {
  it("split each area's bar into completed, in progress and not started, and say the figures in words and in its table", () => {
    const markup = renderToStaticMarkup(
      <ImplementationBars
        title="项目实施进展"
        rows={[
          { code: "430121", name: "长沙县", selected: 6, completed: 3, inProgress: 2, notStarted: 1 },
          { code: "430181", name: "浏阳市", selected: 0, completed: 0, inProgress: 0, notStarted: 0 },
        ]}
      />,
    );
    const widths = (state: string) =>
      [...markup.matchAll(new RegExp(`<rect[^>]*width="([\\d.]+)"[^>]*class="chart-bar chart-${state}"`, "g"))].map((match) => Number(match[1]));
    // The legend's swatch, then one segment per area.
    expect(widths("completed").slice(1)).toEqual([expect.any(Number), 0]);
    expect(widths("completed")[1]).toBeCloseTo(3 * widths("notStarted")[1]!, 6);
    expect(widths("inProgress")[1]).toBeCloseTo(2 * widths("notStarted")[1]!, 6);
    expect(markup).toContain("长沙县：已完成 3 项，实施中 2 项，未开工 1 项。");
    expect(markup).toContain('<td class="num">6</td>');
    expect(markup).not.toContain("NaN");
  });
});

describe("the satisfaction bars", () => {
  it("split each area's rated projects into 满意, 基本满意 and 不满意, and say the figures in words and in its table", () => {
    const markup = renderToStaticMarkup(
      <SatisfactionBars
        title="满意度测评"
        rows={[
          { code: "430121", name: "长沙县", rated: 7, satisfied: 4, basicallySatisfied: 2, dissatisfied: 1 },
          { code: "430181", name: "浏阳市", rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 },
        ]}
      />,
    );
    const widths = (grade: string) =>
      [...markup.matchAll(new RegExp(`<rect[^>]*width="([\\d.]+)"[^>]*class="chart-bar chart-${grade}"`, "g"))].map((match) => Number(match[1]));
    // The legend's swatch, then one segment per area.
    expect(widths("satisfied").slice(1)).toEqual([expect.any(Number), 0]);
    expect(widths("satisfied")[1]).toBeCloseTo(4 * widths("dissatisfied")[1]!, 6);
    expect(widths("basicallySatisfied")[1]).toBeCloseTo(2 * widths("dissatisfied")[1]!, 6);
    expect(markup).toContain("长沙县：满意 4 项，基本满意 2 项，不满意 1 项。");
    expect(markup).toContain('<th scope="col" class="num">已测评</th>');
    expect(markup).toContain('<td class="num">7</td>');
    expect(markup).not.toContain("NaN");
  });
});
