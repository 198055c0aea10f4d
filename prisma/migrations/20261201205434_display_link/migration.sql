-- AlterTable
ALTER TABLE "CongressSession" ADD COLUMN "displayKeyHash" TEXT;
ALTER TABLE "CongressSession" ADD COLUMN "displayOpenedAt" DATETIME;
