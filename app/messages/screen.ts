/** The hall's big screen (会场大屏): what public.ts's screen section does not already say. */
export const screenMessages = {
  slate: (places: number, candidates: number) => `应选${places}个 · 候选${candidates}个`,
  ratingSlate: (projects: number) => `测评项目${projects}个`,
} as const;
