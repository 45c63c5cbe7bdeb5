/**
 * Parquet schemas as trees (hyparquet-writer wants the flat, depth-first list with
 * num_children): nested lists of structs for chat messages and tool schemas.
 */
import type { SchemaElement } from 'hyparquet-writer';

type Repetition = 'REQUIRED' | 'OPTIONAL';

export type SchemaNode =
  | { kind: 'utf8'; name: string; repetition: Repetition }
  | { kind: 'boolean'; name: string; repetition: Repetition }
  | { kind: 'struct'; name: string; repetition: Repetition; fields: SchemaNode[] }
  | { kind: 'list'; name: string; repetition: Repetition; element: SchemaNode };

export const utf8 = (name: string, repetition: Repetition = 'REQUIRED'): SchemaNode => ({ kind: 'utf8', name, repetition });
export const bool = (name: string, repetition: Repetition = 'REQUIRED'): SchemaNode => ({ kind: 'boolean', name, repetition });
export const struct = (name: string, fields: SchemaNode[], repetition: Repetition = 'REQUIRED'): SchemaNode => ({ kind: 'struct', name, repetition, fields });
/** A LIST in the standard three-level layout (list / element), as pyarrow writes it. */
export const list = (name: string, element: SchemaNode, repetition: Repetition = 'REQUIRED'): SchemaNode => ({ kind: 'list', name, repetition, element });

function flatten(node: SchemaNode, out: SchemaElement[]): void {
  switch (node.kind) {
    case 'utf8':
      out.push({ name: node.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: node.repetition });
      return;
    case 'boolean':
      out.push({ name: node.name, type: 'BOOLEAN', repetition_type: node.repetition });
      return;
    case 'struct':
      out.push({ name: node.name, repetition_type: node.repetition, num_children: node.fields.length });
      for (const f of node.fields) flatten(f, out);
      return;
    case 'list':
      out.push({ name: node.name, repetition_type: node.repetition, converted_type: 'LIST', num_children: 1 });
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      flatten({ ...node.element, name: 'element' }, out);
      return;
  }
}

/** The flat schema of a file whose columns are `columns`. */
export function parquetSchema(columns: SchemaNode[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const c of columns) flatten(c, out);
  return out;
}
