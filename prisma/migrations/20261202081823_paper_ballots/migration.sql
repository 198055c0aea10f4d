-- CreateTable
CREATE TABLE "PaperEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "tellerId" INTEGER NOT NULL,
    "enteredBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totalsJson" TEXT,
    CONSTRAINT "PaperEntry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaperBallot" (
    "entryId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "seatNo" INTEGER,
    "choices" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("entryId", "number"),
    CONSTRAINT "PaperBallot_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "PaperEntry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Round" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "runoffOfId" INTEGER,
    "places" INTEGER NOT NULL,
    "form" TEXT NOT NULL,
    "secret" BOOLEAN NOT NULL,
    "liveResults" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'prepared',
    "voidReason" TEXT,
    "seated" INTEGER,
    "present" INTEGER,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "confirmedAt" DATETIME,
    "confirmedBy" TEXT,
    "publishedAt" DATETIME,
    "noticeNo" INTEGER,
    "resultJson" TEXT,
    "sealKey" TEXT,
    "sealKeyIssuedAt" DATETIME,
    "sealKeyVerifiedAt" DATETIME,
    "ballotsDigest" TEXT,
    "anchorEntryId" INTEGER,
    "anchorHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "noticeShowsVotes" BOOLEAN NOT NULL DEFAULT true,
    "medium" TEXT NOT NULL DEFAULT 'tablet',
    "entryMethod" TEXT,
    "papersIssued" INTEGER,
    "papersReturned" INTEGER,
    CONSTRAINT "Round_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("anchorEntryId", "anchorHash", "ballotsDigest", "closedAt", "confirmedAt", "confirmedBy", "createdAt", "form", "id", "liveResults", "noticeNo", "noticeShowsVotes", "number", "openedAt", "places", "present", "publishedAt", "resultJson", "runoffOfId", "sealKey", "sealKeyIssuedAt", "sealKeyVerifiedAt", "seated", "secret", "sessionId", "status", "voidReason") SELECT "anchorEntryId", "anchorHash", "ballotsDigest", "closedAt", "confirmedAt", "confirmedBy", "createdAt", "form", "id", "liveResults", "noticeNo", "noticeShowsVotes", "number", "openedAt", "places", "present", "publishedAt", "resultJson", "runoffOfId", "sealKey", "sealKeyIssuedAt", "sealKeyVerifiedAt", "seated", "secret", "sessionId", "status", "voidReason" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE UNIQUE INDEX "Round_sessionId_number_key" ON "Round"("sessionId", "number");
CREATE TABLE "new_TownshipYearSummary" (
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
    "paperRounds" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("townshipId", "year")
);
INSERT INTO "new_TownshipYearSummary" ("cityCode", "countyCode", "firstMeetingDate", "firstPublishedAt", "invalidRounds", "investmentCents", "lastPublishedAt", "notices", "projectsSelected", "runoffRounds", "selectedSeated", "selectedYes", "townshipId", "turnoutPresent", "turnoutSeated", "updatedAt", "vacancies", "year") SELECT "cityCode", "countyCode", "firstMeetingDate", "firstPublishedAt", "invalidRounds", "investmentCents", "lastPublishedAt", "notices", "projectsSelected", "runoffRounds", "selectedSeated", "selectedYes", "townshipId", "turnoutPresent", "turnoutSeated", "updatedAt", "vacancies", "year" FROM "TownshipYearSummary";
DROP TABLE "TownshipYearSummary";
ALTER TABLE "new_TownshipYearSummary" RENAME TO "TownshipYearSummary";
CREATE INDEX "TownshipYearSummary_year_cityCode_idx" ON "TownshipYearSummary"("year", "cityCode");
CREATE INDEX "TownshipYearSummary_year_countyCode_idx" ON "TownshipYearSummary"("year", "countyCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PaperEntry_roundId_slot_key" ON "PaperEntry"("roundId", "slot");
