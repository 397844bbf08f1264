export * from './streamskill.types';
export * from './streamskill.errors';
export * from './streamskill.client';
export * from './streamskill.module';
export {
  ENDPOINTS,
  endpointLabel,
  type EndpointDefinition,
  type EndpointKind,
  type EndpointName,
} from './streamskill.endpoints';
export {
  STREAMSKILL_CLIENT_OPTIONS,
  STREAMSKILL_DEFAULTS,
  type StreamSkillCallOptions,
  type StreamSkillClientOptions,
  type StreamSkillReadOptions,
} from './streamskill-client.options';
export type { RateLimitListener, RateLimitSnapshot } from './rate-limit';
export type { UpstreamCallListener, UpstreamCallOutcome, UpstreamCallReport } from './call-observer';
export type { UpstreamBudget, UpstreamBudgetRequest, UpstreamPriority } from './upstream-budget';
export type { ProbeResult } from './probe';
export { MAX_BULK_IDS } from './request-guards';
export {
  pickThreshold,
  quotePrice,
  volumeDiscountPercent,
  type GraduatedPricing,
  type PricedCart,
  type Pricing,
  type StandardPricing,
  type ThresholdMap,
} from './pricing/pricing';
export {
  baseQuantity,
  cartTarifProblems,
  pricingOf,
  quantityRange,
  quoteTarif,
  resolveCartTarif,
  tarifPricingProblems,
  type CartTarif,
} from './pricing/tarif-pricing';
