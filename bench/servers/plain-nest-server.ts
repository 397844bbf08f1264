/**
 * Child process: a plain NestJS + Fastify app with one JSON route, no hooks, no logger. The machine's
 * calibration: the notes measured ~77,000 req/s for exactly this on an idle machine of this kind, so
 * its figure in a run tells how fast the machine is today (see bench/README.md).
 */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveChild } from './child-protocol';

@Controller()
class HelloController {
  @Get('hello')
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class PlainModule {}

serveChild(async () => {
  const app = await NestFactory.create<NestFastifyApplication>(PlainModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
});
