-- AlterTable
ALTER TABLE "Deputy" ADD COLUMN "cardNo" TEXT;
ALTER TABLE "Deputy" ADD COLUMN "deputyGroup" TEXT;
ALTER TABLE "Deputy" ADD COLUMN "ethnicity" TEXT;
ALTER TABLE "Deputy" ADD COLUMN "gender" TEXT;
ALTER TABLE "Deputy" ADD COLUMN "position" TEXT;
ALTER TABLE "Deputy" ADD COLUMN "seatNo" INTEGER;
ALTER TABLE "Deputy" ADD COLUMN "workUnit" TEXT;
