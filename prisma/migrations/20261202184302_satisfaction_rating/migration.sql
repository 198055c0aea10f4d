-- AlterTable
ALTER TABLE "Round" ADD COLUMN "ratingBasis" TEXT;
