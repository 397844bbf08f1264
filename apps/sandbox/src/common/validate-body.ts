import { toFieldErrors } from '@app/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { badRequest, validationFailed } from './sandbox-error';

/**
 * Checks a JSON body against a class-validator DTO: 400 when it is not an object, 422 with per-field
 * errors (`{"tarif.id": [...]}`) when it breaks a rule. A missing body counts as `{}`. No implicit type
 * conversion: "5" is not an integer. Unknown fields are ignored, as StreamSkill does.
 */
export function validateBody<T extends object>(dto: ClassConstructor<T>, body: unknown): T {
  const plain = body ?? {};
  if (typeof plain !== 'object' || Array.isArray(plain))
    throw badRequest('The request body must be a JSON object.');
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length) throw validationFailed(toFieldErrors(errors));
  return instance;
}

/** The fields a DTO declares (its validated properties), to keep unknown fields out of stored state. */
export function declaredFields(dto: ClassConstructor<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

/** The declared fields of a validated DTO that the client actually sent. */
export function sentFields(dto: ClassConstructor<object>, instance: object): Record<string, unknown> {
  const values = instance as Record<string, unknown>;
  return Object.fromEntries(
    declaredFields(dto)
      .filter((field) => values[field] !== undefined)
      .map((field) => [field, values[field]]),
  );
}
