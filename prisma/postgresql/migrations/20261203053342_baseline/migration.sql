-- CreateTable
CREATE TABLE "City" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "County" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "managementZone" BOOLEAN NOT NULL DEFAULT false,
    "cityCode" TEXT NOT NULL,

    CONSTRAINT "County_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Township" (
    "id" SERIAL NOT NULL,
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
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Township_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deputy" (
    "id" SERIAL NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "seatNo" INTEGER,
    "cardNo" TEXT,
    "gender" TEXT,
    "ethnicity" TEXT,
    "deputyGroup" TEXT,
    "workUnit" TEXT,
    "position" TEXT,
    "leftAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deputy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "townshipId" INTEGER,
    "areaCode" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CongressSession" (
    "id" SERIAL NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "meetingDate" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "seated" INTEGER NOT NULL,
    "lastNoticeNo" INTEGER NOT NULL DEFAULT 0,
    "displayKeyHash" TEXT,
    "displayOpenedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CongressSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "seatNo" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'absent',
    "checkedInAt" TIMESTAMPTZ(3),
    "checkedInBy" TEXT,
    "tellerRole" TEXT NOT NULL DEFAULT 'none',

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "fundingSource" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "poolProjectId" INTEGER,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Round" (
    "id" SERIAL NOT NULL,
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
    "openedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmedBy" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "noticeNo" INTEGER,
    "resultJson" TEXT,
    "sealKey" TEXT,
    "sealKeyIssuedAt" TIMESTAMPTZ(3),
    "sealKeyVerifiedAt" TIMESTAMPTZ(3),
    "ballotsDigest" TEXT,
    "anchorEntryId" INTEGER,
    "anchorHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "noticeShowsVotes" BOOLEAN NOT NULL DEFAULT true,
    "medium" TEXT NOT NULL DEFAULT 'tablet',
    "entryMethod" TEXT,
    "papersIssued" INTEGER,
    "papersReturned" INTEGER,
    "ratingBasis" TEXT,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperEntry" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "tellerId" INTEGER NOT NULL,
    "enteredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totalsJson" TEXT,

    CONSTRAINT "PaperEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperBallot" (
    "entryId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "seatNo" INTEGER,
    "choices" TEXT NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperBallot_pkey" PRIMARY KEY ("entryId","number")
);

-- CreateTable
CREATE TABLE "RoundCandidate" (
    "roundId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RoundCandidate_pkey" PRIMARY KEY ("roundId","candidateId")
);

-- CreateTable
CREATE TABLE "BallotIssue" (
    "roundId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "votedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BallotIssue_pkey" PRIMARY KEY ("roundId","deputyId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" BIGINT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "deputyId" INTEGER,
    "choices" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SealedBallot" (
    "id" BIGINT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "SealedBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotReceipt" (
    "roundId" INTEGER NOT NULL,
    "receipt" TEXT NOT NULL,
    "deputyId" INTEGER,

    CONSTRAINT "BallotReceipt_pkey" PRIMARY KEY ("roundId","receipt")
);

-- CreateTable
CREATE TABLE "DeputyPass" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "tokenHash" TEXT,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeputyPass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "sessionId" INTEGER,
    "roundId" INTEGER,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TownshipYearSummary" (
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "notices" INTEGER NOT NULL,
    "firstMeetingDate" TIMESTAMPTZ(3) NOT NULL,
    "firstPublishedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastPublishedAt" TIMESTAMPTZ(3) NOT NULL,
    "projectsSelected" INTEGER NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "selectedYes" INTEGER NOT NULL,
    "selectedSeated" INTEGER NOT NULL,
    "turnoutPresent" INTEGER NOT NULL,
    "turnoutSeated" INTEGER NOT NULL,
    "runoffRounds" INTEGER NOT NULL,
    "vacancies" INTEGER NOT NULL,
    "invalidRounds" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "paperRounds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TownshipYearSummary_pkey" PRIMARY KEY ("townshipId","year")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "callText" TEXT NOT NULL,
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "channels" TEXT NOT NULL,
    "approvedOn" TEXT,
    "approvalDocNo" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" SERIAL NOT NULL,
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
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "screenedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoolProject" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "investmentCents" INTEGER NOT NULL,
    "fundingSource" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PoolProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalLink" (
    "campaignId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "keyHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalLink_pkey" PRIMARY KEY ("campaignId","deputyId")
);

-- CreateTable
CREATE TABLE "ImplementationPlan" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "budgetCents" INTEGER NOT NULL,
    "plannedStart" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImplementationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "plannedOn" TEXT NOT NULL,
    "reachedOn" TEXT,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "reportedOn" TEXT NOT NULL,
    "progress" INTEGER NOT NULL,
    "spentCents" INTEGER NOT NULL,
    "milestoneId" INTEGER,
    "text" TEXT NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "heldOn" TEXT NOT NULL,
    "deputyIds" TEXT NOT NULL,
    "planIds" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "followUp" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MidYearReport" (
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "heardOn" TEXT NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "MidYearReport_pkey" PRIMARY KEY ("townshipId","year")
);

-- CreateIndex
CREATE INDEX "County_cityCode_idx" ON "County"("cityCode");

-- CreateIndex
CREATE UNIQUE INDEX "Township_code_key" ON "Township"("code");

-- CreateIndex
CREATE INDEX "Township_countyCode_idx" ON "Township"("countyCode");

-- CreateIndex
CREATE INDEX "Township_level_idx" ON "Township"("level");

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
CREATE INDEX "Candidate_poolProjectId_idx" ON "Candidate"("poolProjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_sessionId_position_key" ON "Candidate"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Round_sessionId_number_key" ON "Round"("sessionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PaperEntry_roundId_slot_key" ON "PaperEntry"("roundId", "slot");

-- CreateIndex
CREATE INDEX "Ballot_roundId_idx" ON "Ballot"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_roundId_deputyId_key" ON "Ballot"("roundId", "deputyId");

-- CreateIndex
CREATE INDEX "SealedBallot_roundId_idx" ON "SealedBallot"("roundId");

-- CreateIndex
CREATE INDEX "BallotReceipt_receipt_idx" ON "BallotReceipt"("receipt");

-- CreateIndex
CREATE UNIQUE INDEX "BallotReceipt_roundId_deputyId_key" ON "BallotReceipt"("roundId", "deputyId");

-- CreateIndex
CREATE UNIQUE INDEX "DeputyPass_codeHash_key" ON "DeputyPass"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeputyPass_tokenHash_key" ON "DeputyPass"("tokenHash");

-- CreateIndex
CREATE INDEX "DeputyPass_sessionId_deputyId_idx" ON "DeputyPass"("sessionId", "deputyId");

-- CreateIndex
CREATE INDEX "AuditEntry_sessionId_idx" ON "AuditEntry"("sessionId");

-- CreateIndex
CREATE INDEX "TownshipYearSummary_year_cityCode_idx" ON "TownshipYearSummary"("year", "cityCode");

-- CreateIndex
CREATE INDEX "TownshipYearSummary_year_countyCode_idx" ON "TownshipYearSummary"("year", "countyCode");

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

-- CreateIndex
CREATE UNIQUE INDEX "ProposalLink_keyHash_key" ON "ProposalLink"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_candidateId_key" ON "ImplementationPlan"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_planId_position_key" ON "Milestone"("planId", "position");

-- CreateIndex
CREATE INDEX "ProgressReport_planId_idx" ON "ProgressReport"("planId");

-- CreateIndex
CREATE INDEX "Inspection_townshipId_year_idx" ON "Inspection"("townshipId", "year");

-- AddForeignKey
ALTER TABLE "County" ADD CONSTRAINT "County_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Township" ADD CONSTRAINT "Township_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "County"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deputy" ADD CONSTRAINT "Deputy_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CongressSession" ADD CONSTRAINT "CongressSession_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_poolProjectId_fkey" FOREIGN KEY ("poolProjectId") REFERENCES "PoolProject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperEntry" ADD CONSTRAINT "PaperEntry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperBallot" ADD CONSTRAINT "PaperBallot_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "PaperEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundCandidate" ADD CONSTRAINT "RoundCandidate_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundCandidate" ADD CONSTRAINT "RoundCandidate_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotIssue" ADD CONSTRAINT "BallotIssue_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealedBallot" ADD CONSTRAINT "SealedBallot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotReceipt" ADD CONSTRAINT "BallotReceipt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeputyPass" ADD CONSTRAINT "DeputyPass_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "PoolProject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolProject" ADD CONSTRAINT "PoolProject_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalLink" ADD CONSTRAINT "ProposalLink_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImplementationPlan" ADD CONSTRAINT "ImplementationPlan_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MidYearReport" ADD CONSTRAINT "MidYearReport_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
