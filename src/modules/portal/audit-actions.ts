/** The portal module's audit actions and the kind of target each names (see audit/events.ts). */
export const PORTAL_AUDIT_ACTIONS = {
  'portal.category_create': 'portal_category',
  'portal.category_update': 'portal_category',
  'portal.category_delete': 'portal_category',
  'portal.category_reorder': 'tenant',
  'portal.item_create': 'portal_item',
  'portal.item_update': 'portal_item',
  'portal.item_delete': 'portal_item',
  'portal.item_publish': 'portal_item',
  'portal.item_file_upload': 'portal_item',
} as const;
