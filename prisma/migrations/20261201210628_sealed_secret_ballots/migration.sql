-- AlterTable
ALTER TABLE "Round" ADD COLUMN "sealKey" TEXT;
ALTER TABLE "Round" ADD COLUMN "sealKeyIssuedAt" DATETIME;
ALTER TABLE "Round" ADD COLUMN "sealKeyVerifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "SealedBallot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "sealed" BLOB NOT NULL,
    CONSTRAINT "SealedBallot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BallotReceipt" (
    "roundId" INTEGER NOT NULL,
    "receipt" TEXT NOT NULL,
    "deputyId" INTEGER,

    PRIMARY KEY ("roundId", "receipt"),
    CONSTRAINT "BallotReceipt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Receipts move off the ballot rows (a secret round's receipts must not sit beside its contents).
INSERT INTO "BallotReceipt" ("roundId", "receipt", "deputyId") SELECT "roundId", "receipt", "deputyId" FROM "Ballot" ORDER BY "roundId", "receipt";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ballot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "deputyId" INTEGER,
    "choices" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Ballot" ("choices", "deputyId", "id", "roundId", "valid") SELECT "choices", "deputyId", "id", "roundId", "valid" FROM "Ballot";
DROP TABLE "Ballot";
ALTER TABLE "new_Ballot" RENAME TO "Ballot";
CREATE INDEX "Ballot_roundId_idx" ON "Ballot"("roundId");
CREATE UNIQUE INDEX "Ballot_roundId_deputyId_key" ON "Ballot"("roundId", "deputyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SealedBallot_roundId_idx" ON "SealedBallot"("roundId");

-- CreateIndex
CREATE INDEX "BallotReceipt_receipt_idx" ON "BallotReceipt"("receipt");

-- CreateIndex
CREATE UNIQUE INDEX "BallotReceipt_roundId_deputyId_key" ON "BallotReceipt"("roundId", "deputyId");
