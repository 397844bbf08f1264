-- AlterTable
ALTER TABLE "purchases" ADD COLUMN     "expanded" JSONB,
ADD COLUMN     "prolong_count" INTEGER,
ADD COLUMN     "prolong_deadline" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "purchases_prolong_deadline_idx" ON "purchases"("prolong_deadline");
