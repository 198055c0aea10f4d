-- CreateTable
CREATE TABLE "City" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "County" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "managementZone" BOOLEAN NOT NULL DEFAULT false,
    "cityCode" TEXT NOT NULL,
    CONSTRAINT "County_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Township" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
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

-- CreateIndex
CREATE INDEX "County_cityCode_idx" ON "County"("cityCode");

-- CreateIndex
CREATE UNIQUE INDEX "Township_code_key" ON "Township"("code");

-- CreateIndex
CREATE INDEX "Township_countyCode_idx" ON "Township"("countyCode");
