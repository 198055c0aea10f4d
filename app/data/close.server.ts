// server.ts imports closeDatabase from here; it lives in sqlite.server.ts. This file goes when
// the server entry (another change, issue 11) imports it from there.
export { closeDatabase } from "./sqlite.server";
