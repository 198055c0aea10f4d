-- One audit hash chain per congress (issue 17). Written by hand instead of Prisma's table rebuild:
-- ADD COLUMN with a constant default rewrites no row, so a live log of any length migrates at once,
-- every existing entry on chain 0, ids and hashes untouched.
-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "chain" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "AuditEntry_chain_id_idx" ON "AuditEntry"("chain", "id");
