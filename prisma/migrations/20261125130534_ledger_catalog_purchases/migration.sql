-- CreateEnum
CREATE TYPE "LedgerEntryType" AS ENUM ('credit', 'debit', 'hold', 'capture', 'release', 'refund');

-- CreateEnum
CREATE TYPE "HoldState" AS ENUM ('open', 'captured', 'released');

-- CreateEnum
CREATE TYPE "BillingState" AS ENUM ('pending', 'charged', 'rejected', 'needs_review', 'released', 'refunded');

-- CreateTable
CREATE TABLE "balances" (
    "customer_id" UUID NOT NULL,
    "total" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "held" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "balances_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "type" "LedgerEntryType" NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "total_delta" DECIMAL(18,2) NOT NULL,
    "held_delta" DECIMAL(18,2) NOT NULL,
    "total_after" DECIMAL(18,2) NOT NULL,
    "held_after" DECIMAL(18,2) NOT NULL,
    "hold_id" BIGINT,
    "purchase_id" INTEGER,
    "reason" TEXT,
    "reference" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holds" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "purchase_id" INTEGER,
    "purpose" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "state" "HoldState" NOT NULL DEFAULT 'open',
    "captured_amount" DECIMAL(18,2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "holds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog_tarifs" (
    "id" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "markup_percent" DECIMAL(7,2),
    "details" JSONB NOT NULL,
    "details_ru" JSONB,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "catalog_tarifs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "purchases" (
    "id" SERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "upstream_id" INTEGER,
    "tarif_id" INTEGER NOT NULL,
    "cart" JSONB NOT NULL,
    "billing_state" "BillingState" NOT NULL DEFAULT 'pending',
    "status" TEXT,
    "quoted_price" DECIMAL(18,2) NOT NULL,
    "price" DECIMAL(18,2),
    "upstream_price" DECIMAL(18,4),
    "currency" TEXT NOT NULL,
    "markup_percent" DECIMAL(7,2) NOT NULL,
    "order_type" TEXT,
    "service" TEXT,
    "channel" TEXT NOT NULL,
    "parent" BOOLEAN,
    "api" BOOLEAN,
    "chatbot" BOOLEAN,
    "upstream_created_at" INTEGER,
    "settle_deadline" TIMESTAMPTZ(3),
    "last_error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "purchases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "customer_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "response_headers" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("customer_id","scope","key")
);

-- CreateIndex
CREATE INDEX "ledger_entries_customer_id_id_idx" ON "ledger_entries"("customer_id", "id");

-- CreateIndex
CREATE INDEX "ledger_entries_purchase_id_idx" ON "ledger_entries"("purchase_id");

-- CreateIndex
CREATE INDEX "ledger_entries_hold_id_idx" ON "ledger_entries"("hold_id");

-- CreateIndex
CREATE INDEX "holds_customer_id_state_idx" ON "holds"("customer_id", "state");

-- CreateIndex
CREATE INDEX "holds_state_created_at_idx" ON "holds"("state", "created_at");

-- CreateIndex
CREATE INDEX "holds_purchase_id_idx" ON "holds"("purchase_id");

-- CreateIndex
CREATE UNIQUE INDEX "purchases_upstream_id_key" ON "purchases"("upstream_id");

-- CreateIndex
CREATE INDEX "purchases_customer_id_id_idx" ON "purchases"("customer_id", "id");

-- CreateIndex
CREATE INDEX "purchases_billing_state_settle_deadline_idx" ON "purchases"("billing_state", "settle_deadline");

-- CreateIndex
CREATE INDEX "purchases_status_idx" ON "purchases"("status");

-- CreateIndex
CREATE INDEX "idempotency_records_expires_at_idx" ON "idempotency_records"("expires_at");

-- AddForeignKey
ALTER TABLE "balances" ADD CONSTRAINT "balances_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Money rows are history: they can be added to, never rewritten.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- A trigger rather than a CHECK constraint: the WASM schema engine cannot read CHECK constraints back
-- through adapter-pg (pg_constraint.contype is a "char" column), which would break the drift check.
CREATE FUNCTION ledger_refuse_negative_amount() RETURNS trigger AS $$
BEGIN
  IF NEW.amount < 0 THEN
    RAISE EXCEPTION '% amounts are magnitudes and cannot be negative', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_amount_not_negative
  BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_negative_amount();

CREATE TRIGGER holds_amount_not_negative
  BEFORE INSERT OR UPDATE ON holds
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_negative_amount();
