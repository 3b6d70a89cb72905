import { Module } from '@nestjs/common';
import { ViewsTools } from './views.tools';

@Module({ providers: [ViewsTools], exports: [ViewsTools] })
export class ViewsToolsModule {}
