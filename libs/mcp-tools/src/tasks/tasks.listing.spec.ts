import { ToolCatalog, type ListedTool } from '../core/catalog';
import { CustomFieldsTools } from '../custom-fields/custom-fields.tools';
import { TagsTools } from '../tags/tags.tools';
import { TasksTools } from './tasks.tools';

describe('the tasks, custom_fields and tags listings', () => {
  const catalog = new ToolCatalog([new TasksTools(), new CustomFieldsTools(), new TagsTools()]);

  it('list every tool of the three groups under its tag', () => {
    expect([...catalog.select({ tags: ['tasks'] }).names].sort()).toEqual(
      [
        'task_add_dependency',
        'task_add_tag',
        'task_clear_custom_field',
        'task_create',
        'task_delete',
        'task_get',
        'task_list_in_list',
        'task_remove_dependency',
        'task_remove_tag',
        'task_search',
        'task_set_custom_field',
        'task_update',
        'task_move',
        'task_add_to_list',
        'task_remove_from_list',
        'task_link_add',
        'task_link_remove',
        'task_time_in_status',
      ].sort(),
    );
    expect([...catalog.select({ tags: ['custom_fields'] }).names]).toEqual(['custom_field_list']);
    expect([...catalog.select({ tags: ['tags'] }).names]).toEqual([
      'tag_list',
      'tag_create',
      'tag_update',
      'tag_delete',
    ]);
  });

  it('keeps a read-only server free of writing tools', () => {
    const names = [...catalog.select({ methods: ['read'] }).names].sort();
    expect(names).toEqual([
      'custom_field_list',
      'tag_list',
      'task_get',
      'task_list_in_list',
      'task_search',
      'task_time_in_status',
    ]);
    for (const name of names) expect(catalog.tools.get(name)?.annotations.readOnlyHint).toBe(true);
  });

  it('keeps descriptions short and the listing within its share of the catalog budget', () => {
    const selection = catalog.select();
    const envelopeBytes = (t: ListedTool) => {
      const { result: _, ...envelope } = (t.outputSchema as { properties: Record<string, unknown> })
        .properties;
      return JSON.stringify(envelope).length;
    };
    const own = selection.listing.reduce((sum, t) => sum + JSON.stringify(t).length - envelopeBytes(t), 0);
    console.log(
      `tasks+custom_fields+tags: ${selection.bytes} bytes for ${selection.listing.length} tools, ` +
        `${own} without the shared envelope schema`,
    );
    for (const tool of selection.listing) expect(tool.description.length).toBeLessThanOrEqual(250);
    // A regression guard: the task tools are the richest of the catalog; this is their measured size plus ~5%.
    expect(selection.bytes).toBeLessThan(34_000);
  });
});
