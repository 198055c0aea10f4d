/** 回执核对 (/receipts): a deputy checks that their ballot was counted. Simplified Chinese. */
export const receiptMessages = {
  title: "回执核对",
  lead: "输入平板上显示的回执码，核对您的选票是否计入已公告的表决结果。",
  code: "回执码",
  placeholder: "例如 7KQM-4XZ2-HP",
  submit: "核对",
  invalid: "回执码格式不对：应为10位字母和数字，如 7KQM-4XZ2-HP。",
  missing: (code: string) => `没有在已公告的表决结果中找到回执码 ${code}。如本轮尚未公告，请在公告发布后再核对；如已公告仍找不到，请向会议主席团反映。`,
  /** Followed by a link to the notice. */
  counted: (code: string, session: string, round: number) => `回执码 ${code} 的选票已计入${session}第${round}轮表决，见`,
  invalidBallot: "（该选票为无效票：赞成的项目多于应选名额。）",
  secret: "无记名投票：公告只列出回执码，不与代表身份对应。",
} as const;
