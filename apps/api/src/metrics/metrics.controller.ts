import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig } from '@gw/config';
import { safeEqual } from '@gw/security';
import { Public } from '../common/decorators/public.decorator';
import { MetricsService } from './metrics.service';

/** Prometheus scrapes, for an internal network; `METRICS_TOKEN` puts a bearer token in front of them. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  scrape(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    const expected = this.app.metricsToken;
    const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (expected && !(given && safeEqual(given, expected))) {
      throw new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    // Set here rather than by decorator, so a refusal is still sent as the JSON error it is.
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.scrape();
  }
}
