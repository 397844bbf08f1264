export * from './errors/error-envelope';
export * from './errors/field-errors';
