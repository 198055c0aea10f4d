-- CreateTable
CREATE TABLE "ProposalLink" (
    "campaignId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "keyHash" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("campaignId", "deputyId"),
    CONSTRAINT "ProposalLink_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposalLink_keyHash_key" ON "ProposalLink"("keyHash");
