export * from './errors/error-envelope';
export * from './errors/field-errors';
export * from './money/decimal-string';
export * from './request-id';
