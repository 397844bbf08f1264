import type { ValidationError } from 'class-validator';
import type { FieldErrors } from './error-envelope';

/** Flattens nested class-validator errors into StreamSkill's `{"tarif.id": ["..."]}` shape. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    if (error.constraints) {
      result[path] = [...(result[path] ?? []), ...Object.values(error.constraints)];
    }
    if (error.children?.length) Object.assign(result, toFieldErrors(error.children, path));
  }
  return result;
}
