-- AlterTable
ALTER TABLE "catalog_tarifs" ADD COLUMN     "supports_duration" BOOLEAN NOT NULL DEFAULT true;
