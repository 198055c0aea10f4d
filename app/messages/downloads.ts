/** The names of the files the app hands out (the ASCII fallback names stay beside the routes). */
export const downloadMessages = {
  slateTemplate: (extension: "csv" | "xlsx") => `候选项目导入模板.${extension}`,
  rosterTemplate: (extension: "csv" | "xlsx") => `代表名单导入模板.${extension}`,
  roll: (township: string, round: number) => `${township}-第${round}轮表决记录.csv`,
  monitorTable: (area: string, year: number, table: string) => `${area}${year}年${table}.csv`,
} as const;
