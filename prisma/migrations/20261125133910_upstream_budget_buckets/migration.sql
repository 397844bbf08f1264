-- CreateTable
CREATE TABLE "upstream_budget_buckets" (
    "name" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    "backoff_until" TIMESTAMPTZ(6),
    "rate_limited_total" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "upstream_budget_buckets_pkey" PRIMARY KEY ("name")
);
