-- CreateTable
CREATE TABLE "TownshipYearSummary" (
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "notices" INTEGER NOT NULL,
    "firstMeetingDate" DATETIME NOT NULL,
    "firstPublishedAt" DATETIME NOT NULL,
    "lastPublishedAt" DATETIME NOT NULL,
    "projectsSelected" INTEGER NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "selectedYes" INTEGER NOT NULL,
    "selectedSeated" INTEGER NOT NULL,
    "turnoutPresent" INTEGER NOT NULL,
    "turnoutSeated" INTEGER NOT NULL,
    "runoffRounds" INTEGER NOT NULL,
    "vacancies" INTEGER NOT NULL,
    "invalidRounds" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("townshipId", "year")
);

-- CreateIndex
CREATE INDEX "TownshipYearSummary_year_cityCode_idx" ON "TownshipYearSummary"("year", "cityCode");

-- CreateIndex
CREATE INDEX "TownshipYearSummary_year_countyCode_idx" ON "TownshipYearSummary"("year", "countyCode");
