import type { FieldRec } from '../store/types';

export function fieldDefinition(f: FieldRec) {
  const typeConfig: Record<string, unknown> = { ...f.typeConfig };
  if (f.type === 'drop_down') {
    typeConfig['options'] = f.options.map((o) => ({
      id: o.id,
      name: o.name,
      color: o.color,
      orderindex: o.orderindex,
    }));
  } else if (f.type === 'labels') {
    typeConfig['options'] = f.options.map((o) => ({
      id: o.id,
      label: o.name,
      color: o.color,
      orderindex: o.orderindex,
    }));
  }
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    type_config: typeConfig,
    date_created: String(f.dateCreated),
    hide_from_guests: f.hideFromGuests,
    required: f.required,
  };
}
