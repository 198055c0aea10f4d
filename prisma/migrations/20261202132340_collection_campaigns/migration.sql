-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "callText" TEXT NOT NULL,
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "channels" TEXT NOT NULL,
    "approvedOn" TEXT,
    "approvalDocNo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Campaign_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "costCents" INTEGER,
    "village" TEXT,
    "proposer" TEXT,
    "deputyId" INTEGER,
    "contact" TEXT,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "projectId" INTEGER,
    "declineReason" TEXT,
    "declineNote" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "screenedAt" DATETIME,
    CONSTRAINT "Proposal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "PoolProject" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PoolProject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "fundingSource" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PoolProject_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Candidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "fundingSource" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "poolProjectId" INTEGER,
    CONSTRAINT "Candidate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Candidate_poolProjectId_fkey" FOREIGN KEY ("poolProjectId") REFERENCES "PoolProject" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Candidate" ("content", "fundingSource", "id", "investmentCents", "name", "plannedCompletion", "position", "responsibleUnit", "sessionId") SELECT "content", "fundingSource", "id", "investmentCents", "name", "plannedCompletion", "position", "responsibleUnit", "sessionId" FROM "Candidate";
DROP TABLE "Candidate";
ALTER TABLE "new_Candidate" RENAME TO "Candidate";
CREATE INDEX "Candidate_poolProjectId_idx" ON "Candidate"("poolProjectId");
CREATE UNIQUE INDEX "Candidate_sessionId_position_key" ON "Candidate"("sessionId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_townshipId_year_key" ON "Campaign"("townshipId", "year");

-- CreateIndex
CREATE INDEX "Proposal_campaignId_fingerprint_idx" ON "Proposal"("campaignId", "fingerprint");

-- CreateIndex
CREATE INDEX "Proposal_campaignId_status_idx" ON "Proposal"("campaignId", "status");

-- CreateIndex
CREATE INDEX "Proposal_projectId_idx" ON "Proposal"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_campaignId_number_key" ON "Proposal"("campaignId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PoolProject_campaignId_number_key" ON "PoolProject"("campaignId", "number");
