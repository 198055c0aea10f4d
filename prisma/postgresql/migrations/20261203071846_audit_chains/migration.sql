-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "chain" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "AuditEntry_chain_id_idx" ON "AuditEntry"("chain", "id");
