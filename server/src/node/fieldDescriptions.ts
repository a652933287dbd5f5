/**
 * The upstream field descriptions made at build time (scripts/k8s-descriptions.mjs → dist/k8s-descriptions.json),
 * read on first use. A missing or unreadable file means no upstream descriptions, never an error.
 */
import * as fs from 'fs';

export function fieldDescriptionsFrom(file: string): (modelClass: string, field: string) => string | undefined {
  let fields: Record<string, string> | undefined;
  return (modelClass, field) => {
    if (!fields) {
      try {
        fields = (JSON.parse(fs.readFileSync(file, 'utf8')) as { fields: Record<string, string> }).fields;
      } catch {
        fields = {};
      }
    }
    return fields[`${modelClass}.${field}`];
  };
}
