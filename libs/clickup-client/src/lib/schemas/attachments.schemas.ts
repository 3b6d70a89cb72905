import { z } from 'zod';
import { nullableStringSchema, numberishSchema } from './common.schemas';

/** A v3 attachment (Get Attachments). */
export const attachmentSchema = z.object({
  id: z.string(),
  title: nullableStringSchema,
  url: z.string(),
  extension: nullableStringSchema,
  mime_type: nullableStringSchema,
  size: numberishSchema,
  date_created: numberishSchema,
  user_id: numberishSchema.optional(),
});
export type Attachment = z.output<typeof attachmentSchema>;

export const attachmentPageResponse = z
  .object({ data: z.array(attachmentSchema), next_cursor: z.string().nullish() })
  .transform((r) => ({ attachments: r.data, next_cursor: r.next_cursor || null }));

/** What the v2 upload answers: no size or MIME type (those are in the v3 listing). */
export const createdAttachmentResponse = z.object({
  id: z.string(),
  title: nullableStringSchema,
  url: z.string(),
  extension: nullableStringSchema,
  date: numberishSchema,
});
export type CreatedAttachment = z.output<typeof createdAttachmentResponse>;
