import { StreamSkillRequestError } from './streamskill.errors';

export const MAX_BULK_IDS = 100;

/** Path ids are interpolated into the URL: anything but a positive integer is refused before sending. */
export function assertPositiveId(endpoint: string, field: string, value: unknown): void {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw invalid(endpoint, field, `${field} must be a positive integer`);
  }
}

export function assertBulkIds(endpoint: string, ids: readonly unknown[]): void {
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_BULK_IDS) {
    throw invalid(endpoint, 'ids', `ids must hold 1 to ${MAX_BULK_IDS} order ids`);
  }
  if (!ids.every((id) => Number.isSafeInteger(id) && (id as number) >= 1)) {
    throw invalid(endpoint, 'ids', 'ids must be positive integers');
  }
}

export function assertAllowed(
  endpoint: string,
  field: string,
  values: readonly string[],
  allowed: readonly string[],
) {
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length) {
    throw invalid(
      endpoint,
      field,
      `${field} values must be among ${allowed.join(', ')}; got ${unknown.join(', ')}`,
    );
  }
}

function invalid(endpoint: string, field: string, message: string): StreamSkillRequestError {
  return new StreamSkillRequestError({
    endpoint,
    type: 'invalid_request',
    message: `StreamSkill ${endpoint} not sent: ${message}`,
    fieldErrors: { [field]: [message] },
  });
}
