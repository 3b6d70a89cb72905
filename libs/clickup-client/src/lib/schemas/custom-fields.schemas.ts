import { z } from 'zod';
import { idSchema, listOf, nullableStringSchema, numberishSchema, timestampSchema } from './common.schemas';

export const customFieldOptionSchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  label: z.string().optional(),
  color: nullableStringSchema,
  orderindex: numberishSchema,
});
export type CustomFieldOption = z.output<typeof customFieldOptionSchema>;

/**
 * `type_config` differs per field type (precision, currency, emoji count, progress tracking...), so its keys
 * stay open; drop-down and label `options` are typed because writing a value needs their ids.
 */
export const customFieldTypeConfigSchema = z
  .looseObject({ options: listOf(customFieldOptionSchema).optional() })
  .nullish()
  .transform((v) => v ?? {});

export const customFieldSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: z.string(),
  type_config: customFieldTypeConfigSchema,
  date_created: timestampSchema,
  hide_from_guests: z.boolean().optional(),
  required: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  applied_objects: z.array(z.object({ object_type: z.number(), object_id: z.number() })).optional(),
});
export type CustomField = z.output<typeof customFieldSchema>;

/** A field as embedded in a task: the definition plus its value, absent when the field is empty. */
export const taskCustomFieldSchema = customFieldSchema.extend({
  value: z.unknown().optional(),
  value_richtext: z.string().nullish(),
});
export type TaskCustomField = z.output<typeof taskCustomFieldSchema>;

export const getCustomFieldsResponse = z
  .object({ fields: z.array(customFieldSchema) })
  .transform((r) => r.fields);
