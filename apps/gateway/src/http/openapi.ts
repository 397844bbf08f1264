import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('StreamSkill Gateway')
    .setDescription(
      'Reseller gateway in front of the StreamSkill API. Authenticate with `Authorization: Bearer <key>`; ' +
        "errors use StreamSkill's envelope `{name, message, code, status, type, errors?, requestId}`.",
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A gateway key: ssg_<id>_<secret>' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs and the raw document at /docs-json, outside the /v1 prefix. */
export function serveOpenApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    raw: ['json'],
  });
}
