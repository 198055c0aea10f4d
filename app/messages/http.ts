/** What the server's own handlers in front of Remix (app/http) answer, in plain text or JSON. */
export const httpMessages = {
  crossSite: "拒绝来自其他网站的提交。请在本系统的页面上操作。",
  noLength: "提交的内容未注明长度，无法受理。请通过本系统的页面提交。",
  bodyTooLarge: "提交的内容过大（上限 3 MB）。",
  tooLarge: "提交的内容过大。",
  unreadable: "网址或提交的内容无法识别，请检查后重试。",
  nulInAddress: "网址中含有空字符（%00），无法识别，请检查后重试。",
  tooManyWrites: "操作过于频繁，请稍后再试。",
  castNotJson: "提交的内容格式不对：请在投票页面上确认投票。",
  notStored: "服务器暂时无法保存选票（存储空间已满或数据库只读），这次确认没有记录，您的选择仍保留在本机。请告知会务工作人员，处理后再点“确认投票”。",
  liveStreamsFull: (limit: string) => `实时连接已达上限 ${limit}，新的连接被拒绝（503）。`,
  liveSessionLimit: (perSession: number, sessionId: number) => `LIVE_STREAMS_PER_SESSION=${perSession} (会议 ${sessionId})`,
} as const;

/** What the server writes to its log as it starts and stops. */
export const serverLogMessages = {
  databaseNewer: (migrations: string[]) =>
    `数据库已由更新版本的程序迁移（本版本没有的迁移：${migrations.join("、")}），本版本不能使用它，未启动。请升级程序，或从升级前的备份恢复。 (database newer than the code: not started)`,
  databaseReady: (migrations: number, townships: number) => `数据库已就绪: ${migrations} 个迁移, ${townships} 个乡镇写入`,
  firstAdministrator: (password: string) => `首次启动：已建立管理员账户 admin，初始密码 ${password}（请登录后妥善保管）`,
  listening: (port: number) => `民生实事票决 listening on http://localhost:${port}`,
  closing: (signal: string, streams: number) => `${signal}: closing (${streams} live streams ended)`,
  stillInFlight: (signal: string, seconds: number) => `${signal}: requests still in flight after ${seconds} s; closing their connections`,
} as const;
