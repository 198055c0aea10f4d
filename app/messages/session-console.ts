/** The session console's pages (会务工作台 · 会议): what console.ts does not already say. */
export const sessionConsoleMessages = {
  /** The landmark of the in-page section links. */
  sectionNav: "本页",
  /** A round's places with its kind: 差额 (more projects than places) or 等额. */
  placesSummary: (places: number, competitive: boolean, candidates: number) => `${places}（${competitive ? "差额" : "等额"}：${candidates} 个项目）`,
} as const;
