-- CreateTable
CREATE TABLE "Deputy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "townshipId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "leftAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deputy_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "townshipId" INTEGER,
    "areaCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CongressSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "townshipId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "meetingDate" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "seated" INTEGER NOT NULL,
    "lastNoticeNo" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CongressSession_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "seatNo" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'absent',
    "checkedInAt" DATETIME,
    "checkedInBy" TEXT,
    "tellerRole" TEXT NOT NULL DEFAULT 'none',
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attendance_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "fundingSource" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    CONSTRAINT "Candidate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Round" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Round_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundCandidate" (
    "roundId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "candidateId"),
    CONSTRAINT "RoundCandidate_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoundCandidate_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BallotIssue" (
    "roundId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "votedAt" DATETIME,

    PRIMARY KEY ("roundId", "deputyId"),
    CONSTRAINT "BallotIssue_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "deputyId" INTEGER,
    "choices" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeputyPass" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "tokenHash" TEXT,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeputyPass_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "sessionId" INTEGER,
    "roundId" INTEGER,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Deputy_townshipId_idx" ON "Deputy"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "CongressSession_townshipId_year_idx" ON "CongressSession"("townshipId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_deputyId_key" ON "Attendance"("sessionId", "deputyId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_seatNo_key" ON "Attendance"("sessionId", "seatNo");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_sessionId_position_key" ON "Candidate"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Round_sessionId_number_key" ON "Round"("sessionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_receipt_key" ON "Ballot"("receipt");

-- CreateIndex
CREATE INDEX "Ballot_roundId_idx" ON "Ballot"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_roundId_deputyId_key" ON "Ballot"("roundId", "deputyId");

-- CreateIndex
CREATE UNIQUE INDEX "DeputyPass_codeHash_key" ON "DeputyPass"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeputyPass_tokenHash_key" ON "DeputyPass"("tokenHash");

-- CreateIndex
CREATE INDEX "DeputyPass_sessionId_deputyId_idx" ON "DeputyPass"("sessionId", "deputyId");

-- CreateIndex
CREATE INDEX "AuditEntry_sessionId_idx" ON "AuditEntry"("sessionId");
