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
    CONSTRAINT "Round_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("anchorEntryId", "anchorHash", "ballotsDigest", "closedAt", "confirmedAt", "confirmedBy", "createdAt", "form", "id", "liveResults", "noticeNo", "number", "openedAt", "places", "present", "publishedAt", "resultJson", "runoffOfId", "sealKey", "sealKeyIssuedAt", "sealKeyVerifiedAt", "seated", "secret", "sessionId", "status", "voidReason") SELECT "anchorEntryId", "anchorHash", "ballotsDigest", "closedAt", "confirmedAt", "confirmedBy", "createdAt", "form", "id", "liveResults", "noticeNo", "number", "openedAt", "places", "present", "publishedAt", "resultJson", "runoffOfId", "sealKey", "sealKeyIssuedAt", "sealKeyVerifiedAt", "seated", "secret", "sessionId", "status", "voidReason" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE UNIQUE INDEX "Round_sessionId_number_key" ON "Round"("sessionId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
