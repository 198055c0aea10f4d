/** What the start-up says about the environment (app/utils/env.server.ts): Chinese for the hall's staff, English for the operator. */
export const envMessages = {
  /** The address the examples point at: a laptop on the hall's network. */
  hallUrlExample: "http://192.168.1.10:3000",
  hallUrl: {
    notHttp: (example: string) => `会场地址须以 http:// 或 https:// 开头，如 ${example} (HALL_URL must start with http:// or https://)`,
    notUrl: (example: string) => `会场地址不是有效的网址，应形如 ${example} (HALL_URL must be a URL such as ${example})`,
    notOrigin: (example: string) => `会场地址只写协议、主机和端口，如 ${example} (HALL_URL must be scheme, host and port only, such as ${example})`,
    listenAddress: (hostname: string, example: string) =>
      `${hostname} 是监听地址，平板无法打开，请写本机在会场网络中的地址，如 ${example} (HALL_URL must be the address tablets reach, not ${hostname})`,
    unset: (example: string) =>
      `HALL_URL 未设置：签到卡二维码和大屏链接将使用会务人员浏览器所用的地址（用 localhost 打开时平板无法访问）。请设置为本机在会场网络中的地址，如 HALL_URL=${example} (HALL_URL is not set: sign-in cards point at whatever address the clerk's browser used)`,
  },
  publicUrl: (example: string) => `公开网址只写协议、主机和端口，如 ${example} (PUBLIC_URL must be an http(s) origin, such as ${example})`,
  publicUrlExample: "https://rd.example.gov.cn",
} as const;
