import { Injectable } from '@nestjs/common';
import type { CustomField } from '@gw/clickup-client';
import type { z } from 'zod';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { customFieldsGuard } from './custom-fields.guard';
import { customFieldItem, customFieldListInput, customFieldListOutput } from './custom-fields.schemas';
import { optionName } from './field-values';

function toItem(field: CustomField): z.input<typeof customFieldItem> {
  const options = field.type_config.options;
  return {
    id: field.id,
    name: field.name,
    type: field.type,
    required: field.required,
    ...(options ? { options: options.map((o) => ({ id: o.id, name: optionName(o) })) } : {}),
  };
}

@Injectable()
export class CustomFieldsTools implements ToolGroup {
  readonly guard = customFieldsGuard;
  readonly tools = [
    defineTool({
      name: 'custom_field_list',
      title: 'List custom fields',
      description: "A list's custom fields: types, and drop_down/labels options (ids, names).",
      method: 'list',
      tags: ['custom_fields'],
      input: customFieldListInput,
      output: customFieldListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.customFields.listForList(args.list_id);
        return { items: data.map(toItem), next_cursor: null, truncated: false };
      },
    }),
  ];
}
