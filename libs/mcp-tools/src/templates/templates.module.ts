import { Module } from '@nestjs/common';
import { TemplatesTools } from './templates.tools';

@Module({ providers: [TemplatesTools], exports: [TemplatesTools] })
export class TemplatesToolsModule {}
