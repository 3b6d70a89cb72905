import { Module } from '@nestjs/common';
import { CommentsTools } from './comments.tools';

@Module({ providers: [CommentsTools], exports: [CommentsTools] })
export class CommentsToolsModule {}
