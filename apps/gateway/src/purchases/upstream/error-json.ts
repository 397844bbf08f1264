import type { Prisma } from '@app/database';
import type { StreamSkillError } from '@app/streamskill';

/** A StreamSkill failure as stored in `lastError` (its toJSON: sanitised, never the token). */
export function errorJson(error: StreamSkillError): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(error)) as Prisma.InputJsonObject;
}
