/** The public register pages (全省、市州、县市区、乡镇): what the common catalog's register section does not already say. */
export const registerMessages = {
  provinceOverview: "全省概况",
  /** A column header: that year's figure, e.g. "2026年覆盖率". */
  ofYear: (year: number, figure: string) => `${year}年${figure}`,
  countyYear: (year: number) => `${year}年票决`,
  managementZoneCount: (n: number, label: string) => `${n} 个${label}`,
} as const;
