/** The public register pages (全省、市州、县市区、乡镇): what the common catalog's register section does not already say. */
export const registerMessages = {
  provinceOverview: "全省概况",
  /** A column header: that year's figure, e.g. "2026年覆盖率". */
  ofYear: (year: number, figure: string) => `${year}年${figure}`,
  countyYear: (year: number) => `${year}年票决`,
  /** 县级人大: the county congress's own votes on its county's page. */
  congressHeading: (county: string) => `${county}人民代表大会票决`,
  noCongressSessions: "本级人民代表大会在系统中还没有会议记录。",
  managementZoneCount: (n: number, label: string) => `${n} 个${label}`,
} as const;
