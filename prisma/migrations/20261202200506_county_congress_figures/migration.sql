-- AlterTable
ALTER TABLE "County" ADD COLUMN "deputyQuota" INTEGER;
ALTER TABLE "County" ADD COLUMN "populationEstimate" INTEGER;
ALTER TABLE "County" ADD COLUMN "seatedDeputies" INTEGER;
