-- CreateTable
CREATE TABLE "ImplementationPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "candidateId" INTEGER NOT NULL,
    "responsibleUnit" TEXT NOT NULL,
    "budgetCents" INTEGER NOT NULL,
    "plannedStart" TEXT NOT NULL,
    "plannedCompletion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImplementationPlan_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "plannedOn" TEXT NOT NULL,
    "reachedOn" TEXT,
    CONSTRAINT "Milestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "reportedOn" TEXT NOT NULL,
    "progress" INTEGER NOT NULL,
    "spentCents" INTEGER NOT NULL,
    "milestoneId" INTEGER,
    "text" TEXT NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressReport_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "heldOn" TEXT NOT NULL,
    "deputyIds" TEXT NOT NULL,
    "planIds" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "followUp" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Inspection_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MidYearReport" (
    "townshipId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "heardOn" TEXT NOT NULL,
    "summary" TEXT NOT NULL,

    PRIMARY KEY ("townshipId", "year"),
    CONSTRAINT "MidYearReport_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_candidateId_key" ON "ImplementationPlan"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_planId_position_key" ON "Milestone"("planId", "position");

-- CreateIndex
CREATE INDEX "ProgressReport_planId_idx" ON "ProgressReport"("planId");

-- CreateIndex
CREATE INDEX "Inspection_townshipId_year_idx" ON "Inspection"("townshipId", "year");
