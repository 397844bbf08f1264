-- CreateTable
CREATE TABLE "rate_limit_plans" (
    "name" TEXT NOT NULL,
    "burst" INTEGER NOT NULL,
    "per_minute" INTEGER NOT NULL,
    "key_burst" INTEGER,
    "key_per_minute" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rate_limit_plans_pkey" PRIMARY KEY ("name")
);
