/** The focused inspection's audit actions and the kind of target each names (see audit/events.ts). */
export const INSPECTION_AUDIT_ACTIONS = {
  'inspection.item_set_create': 'inspection_item_set',
  'inspection.item_set_update': 'inspection_item_set',
  'inspection.item_set_delete': 'inspection_item_set',
  'inspection.round_open': 'inspection_round',
  'inspection.round_close': 'inspection_round',
  'inspection.answers_save': 'inspection_target',
  'inspection.target_submit': 'inspection_target',
} as const;
