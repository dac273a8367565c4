import type { NavItem, NavSection } from '../registry.js';

/** One line of the navigation: an item at the top level, or a labelled section of items. */
export type NavEntry =
  | { kind: 'item'; item: NavItem }
  | { kind: 'section'; section: NavSection; items: NavItem[] };

/**
 * The navigation as shown: the items the user may use (already filtered) under their capability's
 * section, sections and top-level items (home, profile) in order, empty sections left out.
 */
export function navEntries(items: readonly NavItem[], sections: readonly NavSection[]): NavEntry[] {
  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
  const placed: { order: number; entry: NavEntry }[] = [];
  for (const item of items) {
    if (!item.section) placed.push({ order: item.order, entry: { kind: 'item', item } });
  }
  for (const section of sections) {
    const members = items.filter((i) => i.section === section.id).sort(byOrder);
    if (members.length > 0)
      placed.push({ order: section.order, entry: { kind: 'section', section, items: members } });
  }
  // An item naming a section that does not exist still shows, at the top level.
  const known = new Set(sections.map((s) => s.id));
  for (const item of items) {
    if (item.section && !known.has(item.section))
      placed.push({ order: item.order, entry: { kind: 'item', item } });
  }
  return placed.sort(byOrder).map((p) => p.entry);
}
