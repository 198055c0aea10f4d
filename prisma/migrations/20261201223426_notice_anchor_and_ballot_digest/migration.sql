-- AlterTable
ALTER TABLE "Round" ADD COLUMN "anchorEntryId" INTEGER;
ALTER TABLE "Round" ADD COLUMN "anchorHash" TEXT;
ALTER TABLE "Round" ADD COLUMN "ballotsDigest" TEXT;
