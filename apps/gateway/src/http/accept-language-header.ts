import { ApiHeader } from '@nestjs/swagger';

/**
 * Documents the optional Accept-Language of a route that reads it with `@Headers('accept-language')`.
 * On the method, under the same lower-case name: Swagger then merges it with the parameter it infers
 * from `@Headers` (which it would list as required) instead of listing the header twice.
 */
export const AcceptLanguageHeader = () =>
  ApiHeader({
    name: 'accept-language',
    required: false,
    enum: ['en', 'ru'],
    description: 'ru for Russian texts, English otherwise',
  });
