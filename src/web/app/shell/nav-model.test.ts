import { afterAll, describe, expect, it, vi } from 'vitest';

// The modules import the app's i18n setup, which marks the page's language; give it a page.
// Taken away after the file: test files share a process, and server code must not see a fake page.
const hadDocument = vi.hoisted(() => {
  const had = 'document' in globalThis;
  if (!had) Object.assign(globalThis, { document: { documentElement: { lang: '' } } });
  return had;
});
afterAll(() => {
  if (!hadDocument) delete (globalThis as { document?: unknown }).document;
});

import { navItems } from '../modules.js';
import { shownTo } from '../policy.js';
import { NAV_SECTIONS } from '../registry.js';
import type { Me, Permission } from '../types.js';
import { navEntries } from './nav-model.js';

const ROOT = 'u-root';
function person(kind: 'agency' | 'central', permissions: Permission[]): Me {
  return {
    account: { id: 'a', login: 'x', locale: null, totpEnabled: false, mustChangePassword: false },
    person: {
      id: 'p',
      staffNo: '1',
      name: '高橋 花子',
      kana: '',
      email: null,
      unitId: ROOT,
      unitNameJa: '課',
      unitNameEn: null,
    },
    tenant: { id: 't', code: 't', kind, nameJa: '省', nameEn: null },
    roles: [],
    permissions: permissions.map((permission) => ({ permission, unitIds: [ROOT] })),
    csrfToken: null,
  };
}

/** What the navigation shows: top-level item ids, and sections as "section: item ids". */
function shown(me: Me): string[] {
  return navEntries(
    navItems.filter((i) => shownTo(me, i)),
    NAV_SECTIONS,
  ).map((e) => (e.kind === 'item' ? e.item.id : `${e.section.id}: ${e.items.map((i) => i.id).join(' ')}`));
}

describe('the navigation, grouped by capability', () => {
  it('shows a staff member (行政事務従事者, no permission) only their own items', () => {
    expect(shown(person('agency', []))).toEqual([
      'home',
      'portal',
      'selfcheck: selfcheck-my',
      'classification: classification-register classification-requests',
      'training: training-my',
      'check: exceptions incidents',
      'profile',
    ]);
  });

  it('adds the oversight sections for an 情報セキュリティ責任者 (catalog permissions)', () => {
    const officer = person('agency', [
      'org.read',
      'selfcheck.view',
      'classification.confirm',
      'classification.overview',
      'training.view',
      'drill.view',
    ]);
    expect(shown(officer)).toEqual([
      'home',
      'portal',
      'selfcheck: selfcheck-my selfcheck-campaigns selfcheck-standards',
      'classification: classification-register classification-requests classification-desk classification-overview',
      'training: training-my training-report',
      'drills: drills',
      'check: exceptions incidents',
      'admin: org',
      'profile',
    ]);
  });

  it('gives the central body its own section and none of an agency’s', () => {
    expect(shown(person('central', ['central.read']))).toEqual([
      'home',
      'central: central central-submissions central-common-items central-alerts',
      'profile',
    ]);
  });

  it('files the inbox of the central body’s alerts under reports, for alert handlers of an agency only', () => {
    expect(shown(person('agency', ['alert.handle']))).toContain('report: alerts-inbox');
    expect(shown(person('central', ['alert.handle'])).join(' ')).not.toContain('alerts-inbox');
  });

  it('lists administration (org, accounts and roles, audit, jobs) together for the administrator', () => {
    const admin = person('agency', ['org.read', 'account.manage', 'role.manage', 'audit.read']);
    expect(shown(admin)).toContain('admin: org admin jobs audit');
  });

  it('leaves out empty sections and keeps an item of an unknown section at the top level', () => {
    const entries = navEntries(
      [{ id: 'x', label: 'nav.home', path: '/x', icon: () => null, order: 1, section: 'drills' }],
      NAV_SECTIONS.filter((s) => s.id !== 'drills'),
    );
    expect(entries).toEqual([{ kind: 'item', item: expect.objectContaining({ id: 'x' }) }]);
  });
});
