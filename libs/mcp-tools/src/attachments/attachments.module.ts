import { Module } from '@nestjs/common';
import { AttachmentsTools } from './attachments.tools';

@Module({ providers: [AttachmentsTools], exports: [AttachmentsTools] })
export class AttachmentsToolsModule {}
