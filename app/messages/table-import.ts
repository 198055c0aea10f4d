/**
 * The words of the tables clerks upload and download (a roster, a slate): the headers the reader
 * recognises, its errors, and the templates. Simplified Chinese; numbers and labels are passed in,
 * so the limits stay with the code that enforces them (app/services/table-import).
 */
import type { CandidateInput } from "~/schemas/candidate";
import type { RosterDeputy } from "~/schemas/deputy";

const NOTES_SHEET = "填写说明";

export const tableImportMessages = {
  /** Errors about the file as a whole, whatever table it holds. */
  file: {
    unsupportedType: "仅支持 CSV 或 Excel（.xlsx）文件",
    tooLarge: (megabytes: number) => `文件超过 ${megabytes} MB，请删除多余的工作表、图片后再导入`,
    brokenXlsx: "无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开并另存为“Excel 工作簿（*.xlsx）”后再导入",
    notCsvText: "文件内容不是 CSV 文本。如为 Excel 文件，请使用 .xlsx 格式导入",
    brokenCsv: (line?: number) => `CSV 文件无法解析${line ? `（第${line}行附近）` : ""}，请检查引号是否成对`,
    missingColumns: (labels: string[]) => `缺少必填列：${labels.join("、")}。请使用导入模板的表头`,
    duplicateColumn: (label: string, columns: string[]) => `表头中有多列都是“${label}”（${columns.join("、")}列），请只保留一列`,
    cellError: (label: string, error: string) => `${label}单元格为错误值 ${error}，请修正公式或改填数值`,
    formulaWithoutResult: (label: string) => `${label}单元格的公式没有计算结果，请在 Excel 中打开并保存后再导入`,
    /** The server's log line when the reader thread fails. */
    readerFailed: "导入文件读取线程出错",
  },
  /** Header cells that name no field: the templates' own 序号 column. */
  ignoredHeaders: ["序号"],
  roster: {
    /** Labels as offices write them, by field (compared after normalising brackets and spaces). */
    headers: {
      name: ["姓名", "代表姓名", "名字"],
      seatNo: ["座位号", "座号", "座次号", "席位号"],
      cardNo: ["代表证号", "代表证编号", "证号"],
      gender: ["性别"],
      ethnicity: ["民族"],
      deputyGroup: ["代表小组", "代表团", "界别", "代表团/界别", "所在代表小组", "小组"],
      workUnit: ["工作单位", "单位", "工作单位及职务", "单位及职务"],
      position: ["职务", "职位", "现任职务"],
    } satisfies Record<keyof RosterDeputy, string[]>,
    duplicateName: (name: string, firstRow: number) => `姓名“${name}”与第${firstRow}行重复；同名代表请加以区分（如“${name}（大）”）`,
    duplicateSeat: (seat: string, firstRow: number) => `座位号 ${seat} 与第${firstRow}行重复`,
    duplicateCard: (card: string, firstRow: number) => `代表证号“${card}”与第${firstRow}行重复`,
    nameOnRoster: (name: string) => `“${name}”已在代表名单上；同名代表请加以区分（如“${name}（大）”）`,
    seatOnRoster: (seat: number, holder: string) => `座位号 ${seat} 已是名单上 ${holder} 的座位号`,
    cardOnRoster: (card: string, holder: string) => `代表证号“${card}”已是名单上 ${holder} 的代表证号`,
    noRows: "文件中没有代表",
    tooMany: (max: number, count: number) => `一次最多导入${max}名代表，文件中有${count}名`,
    unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留代表名单表后另存再导入",
    readerGaveUp: "文件内容过大或过于复杂，无法导入。请只保留代表名单表，另存为新文件后再导入",
    template: {
      sheet: "代表名单",
      notesSheet: NOTES_SHEET,
      example: {
        name: "张某某",
        seatNo: 1,
        cardNo: "001",
        gender: "女",
        ethnicity: "汉族",
        deputyGroup: "第一代表小组",
        workUnit: "某村村民委员会",
        position: "村委会主任",
      } satisfies RosterDeputy,
      notes: (labels: Record<keyof RosterDeputy, string>, max: number) => [
        "1. 每行填写一名代表，第1行表头请勿修改；第2行为示例，请替换为实际代表。",
        `2. ${labels.name}必填，同一文件中、与已有代表名单都不得重复；同名代表请加以区分（如“张伟（大）”）。`,
        `3. 其余各列可不填。${labels.seatNo}为1至999的整数，不得重复；不填座位号的代表，建立会议时依次排在最大座位号之后。`,
        `4. ${labels.gender}填写“男”或“女”；${labels.cardNo}不得重复。`,
        `5. 每个文件最多${max}名代表；任一行有误时整个文件不导入，请按提示修改后重新导入。`,
      ],
    },
  },
  slate: {
    headers: {
      name: ["项目名称", "名称"],
      content: ["项目内容", "建设内容", "主要内容"],
      investment: ["估算投资(万元)", "估算投资", "投资(万元)", "投资金额"],
      fundingSource: ["资金来源"],
      plannedCompletion: ["计划完成时间", "完成时间", "计划完成", "完成时限", "计划完成时限"],
      responsibleUnit: ["责任单位", "实施单位", "牵头单位"],
    } satisfies Record<keyof CandidateInput, string[]>,
    /** Headers of an amount, which must be in 万元: "估算投资(元)" is refused, not misread. */
    investmentBases: ["估算投资", "投资金额", "投资"],
    investmentNotInWan: (header: string) => `“${header}”列的单位须为万元：请换算为万元后填写，并将表头改为“估算投资（万元）”`,
    duplicateName: (name: string, firstRow: number) => `项目名称“${name}”与第${firstRow}行重复`,
    noRows: "文件中没有候选项目",
    tooMany: (max: number, count: number) => `候选项目不能超过${max}个，文件中有${count}个`,
    unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留候选项目表后另存再导入",
    readerGaveUp: "文件内容过大或过于复杂，无法导入。请只保留候选项目表，另存为新文件后再导入",
    template: {
      sheet: "候选项目",
      notesSheet: NOTES_SHEET,
      position: "序号",
      example: {
        name: "某村道路硬化工程",
        content: "硬化某村主干道2.5公里，路面宽4.5米，配套建设排水沟",
        investment: 120,
        fundingSource: "县级财政补助、镇自筹",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇人民政府（村镇建设办）",
      } satisfies CandidateInput,
      investmentError: "请填写以万元为单位的数字，最多两位小数",
      notes: (labels: Record<keyof CandidateInput, string>, max: number) => [
        "1. 每行填写一个候选项目，第1行表头请勿修改；第2行为示例，请替换为实际项目。",
        `2. ${labels.name}：2至60个字，同一文件中不得重复。`,
        `3. ${labels.investment}：以万元为单位的数字，最多两位小数，如 120 或 85.5。`,
        `4. ${labels.plannedCompletion}：如 2026-12、2026年12月 或 2026-12-31。`,
        `5. 每个文件最多${max}个项目；任一行有误时整个文件不导入，请按提示修改后重新导入。`,
      ],
    },
  },
};
