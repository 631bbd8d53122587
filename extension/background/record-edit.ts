/**
 * An edit from the form, laid over the record as stored. The form sends every field of its kind
 * (a cleared optional one as `null`), so the result is what the user sees in the form; fields
 * the form does not show (quote selector, unknown fields from newer clients) are kept.
 */
export function editedRecord(existing: Record<string, unknown> | null, fields: Record<string, unknown>): Record<string, unknown> {
  // Deleting is its own action; a save never revives or deletes a record.
  return { ...(existing ?? {}), ...fields, deleted: existing?.deleted ?? false };
}
