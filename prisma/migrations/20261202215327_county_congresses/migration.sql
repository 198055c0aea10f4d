-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_County" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "managementZone" BOOLEAN NOT NULL DEFAULT false,
    "cityCode" TEXT NOT NULL,
    CONSTRAINT "County_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_County" ("cityCode", "code", "kind", "managementZone", "name") SELECT "cityCode", "code", "kind", "managementZone", "name" FROM "County";
DROP TABLE "County";
ALTER TABLE "new_County" RENAME TO "County";
CREATE INDEX "County_cityCode_idx" ON "County"("cityCode");
CREATE TABLE "new_Township" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'township',
    "countyCode" TEXT NOT NULL,
    "villages" INTEGER NOT NULL,
    "populationEstimate" INTEGER NOT NULL,
    "deputyQuota" INTEGER NOT NULL,
    "seatedDeputies" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'nbs-2023',
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Township_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "County" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Township" ("code", "countyCode", "createdAt", "deputyQuota", "id", "kind", "name", "populationEstimate", "retiredAt", "seatedDeputies", "source", "updatedAt", "villages") SELECT "code", "countyCode", "createdAt", "deputyQuota", "id", "kind", "name", "populationEstimate", "retiredAt", "seatedDeputies", "source", "updatedAt", "villages" FROM "Township";
DROP TABLE "Township";
ALTER TABLE "new_Township" RENAME TO "Township";
CREATE UNIQUE INDEX "Township_code_key" ON "Township"("code");
CREATE INDEX "Township_countyCode_idx" ON "Township"("countyCode");
CREATE INDEX "Township_level_idx" ON "Township"("level");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
