// npm run user:create -- --username x --password y --role clerk --township 430121102 [--name 显示名]
import { parseArgs } from "node:util";
import { closeDatabase } from "~/data/sqlite.server";
import { createAccount } from "~/services/accounts.server";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "clerk" },
    township: { type: "string" },
    area: { type: "string" },
    name: { type: "string" },
  },
});
if (!values.username || !values.password || !["admin", "monitor", "clerk"].includes(values.role!)) {
  console.error(
    "Usage: npm run user:create -- --username <name> --password <secret> --role admin|monitor|clerk [--township <9-digit code>] [--area <city/county code>]",
  );
  process.exit(2);
}
const user = await createAccount({
  username: values.username,
  password: values.password,
  role: values.role as "admin" | "monitor" | "clerk",
  displayName: values.name ?? values.username,
  townshipCode: values.township,
  areaCode: values.area,
});
console.log(`created ${user.role} ${user.username}`);
await closeDatabase();
