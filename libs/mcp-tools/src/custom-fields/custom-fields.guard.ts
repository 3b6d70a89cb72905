import { LIST } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { customFieldListInput } from './custom-fields.schemas';

export const customFieldsGuard = defineGuard({
  tag: 'custom_fields',
  tools: { custom_field_list: guardTool(customFieldListInput, { ids: { list_id: LIST } }) },
});
