import { Module } from '@nestjs/common';
import { CustomFieldsTools } from './custom-fields.tools';

@Module({ providers: [CustomFieldsTools], exports: [CustomFieldsTools] })
export class CustomFieldsToolsModule {}
