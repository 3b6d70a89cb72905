import { Module } from '@nestjs/common';
import { DocsTools } from './docs.tools';

@Module({ providers: [DocsTools], exports: [DocsTools] })
export class DocsToolsModule {}
