// The agency policy (policy-rules.ts) as an OSCAL profile over the catalog it derives from (000 L574-700):
// the catalog's applicable items are selected with include-controls, tightened items are altered
// (statement replaced, the reason beside it), items marked not applicable are left out with their
// reason in the metadata, and items the agency adds come from a second, embedded catalog. Pure.

import type { PolicyChange } from '../policy-rules.js';
import type { PolicyItemContent } from '../schema.js';
import { itemToControl, label } from './catalog.js';
import { controlId, guidanceId, MAMORU_NS, OSCAL_VERSION, oscalUuid, statementId } from './ids.js';
import {
  type Alter,
  type Group,
  mprop,
  nonEmpty,
  type OscalCatalog,
  type OscalProfile,
  type ProfileImport,
  type Resource,
} from './types.js';

type BaseItem = PolicyItemContent & { itemId: string };

export interface ProfileInput {
  policy: { id: string; name: string; description: string; updatedAt: Date };
  catalog: { versionId: string; code: string; title: string; version: string };
  base: readonly BaseItem[];
  changes: readonly PolicyChange[];
}

/** Where the catalog export of a version is served (relative: the agency's own Mamoru). */
export const catalogExportHref = (versionId: string) =>
  `/api/v1/selfcheck/catalogs/${versionId}/export?format=oscal`;

const toControl = (i: PolicyItemContent & { itemId: string }) => itemToControl({ ...i, id: i.itemId });

/** The agency's own items as a small catalog, grouped by the chapter and section they name. */
export function additionsCatalog(input: ProfileInput, added: readonly BaseItem[]): OscalCatalog {
  const chapters = new Map<string, Group & { sections: Map<string, Group> }>();
  for (const it of added) {
    let ch = chapters.get(it.chapterNo);
    if (!ch) {
      ch = {
        id: `ch-${it.chapterNo}`,
        class: 'chapter',
        title: it.chapterTitle,
        props: [label(it.chapterNo), ...mprop('title-en', it.chapterTitleEn)],
        sections: new Map(),
      };
      chapters.set(it.chapterNo, ch);
    }
    let s = ch.sections.get(it.sectionNo);
    if (!s) {
      s = {
        id: `sec-${it.sectionNo}`,
        class: 'section',
        title: it.sectionTitle,
        props: [label(it.sectionNo), ...mprop('title-en', it.sectionTitleEn)],
        controls: [],
      };
      ch.sections.set(it.sectionNo, s);
    }
    s.controls!.push(toControl(it));
  }
  return {
    catalog: {
      uuid: oscalUuid('policy-additions', input.policy.id),
      metadata: {
        title: `${input.policy.name}：独自に追加した項目`,
        'last-modified': input.policy.updatedAt.toISOString(),
        version: input.policy.updatedAt.toISOString(),
        'oscal-version': OSCAL_VERSION,
        props: mprop('title-en', `${input.policy.name}: items added by the agency`),
      },
      groups: [...chapters.values()].map(({ sections, ...g }) => ({ ...g, groups: [...sections.values()] })),
    },
  };
}

export function policyToProfile(input: ProfileInput): OscalProfile {
  const byItem = new Map(input.changes.map((c) => [c.itemId, c]));
  const catalogRes = oscalUuid('policy-catalog-import', input.policy.id);
  const additionsRes = oscalUuid('policy-additions-import', input.policy.id);
  const applicable = input.base.filter((b) => byItem.get(b.itemId)?.kind !== 'not_applicable');
  const added = input.changes.flatMap((c) =>
    c.kind === 'add' && c.content ? [{ ...c.content, itemId: c.itemId }] : [],
  );
  const alters: Alter[] = [];
  for (const b of input.base) {
    const c = byItem.get(b.itemId);
    if (c?.kind !== 'tighten' || !c.content) continue;
    const parts = [
      {
        id: `${statementId(b.itemId)}_policy`,
        name: 'statement',
        title: c.content.title,
        prose: c.content.text,
      },
      ...(c.content.guidance
        ? [{ id: `${guidanceId(b.itemId)}_policy`, name: 'guidance', prose: c.content.guidance }]
        : []),
      // Why the agency is stricter: the 理由 column of 「統一基準群との差異」.
      { name: 'tailoring-rationale', ns: MAMORU_NS, prose: c.reason },
    ];
    alters.push({
      'control-id': controlId(b.itemId),
      removes: [
        { 'by-id': statementId(b.itemId) },
        ...(b.guidance ? [{ 'by-id': guidanceId(b.itemId) }] : []),
      ],
      adds: [{ position: 'ending', props: mprop('origin', 'tightened'), parts }],
    });
  }
  const imports: ProfileImport[] = [];
  // Always import the catalog, so the profile names what it derives from even when nothing applies.
  imports.push({
    href: `#${catalogRes}`,
    ...nonEmpty(
      'include-controls',
      applicable.length ? [{ 'with-ids': applicable.map((b) => controlId(b.itemId)) }] : [],
    ),
  });
  const resources: Resource[] = [
    {
      uuid: catalogRes,
      title: `${input.catalog.title} ${input.catalog.version}`,
      props: mprop('catalog-code', input.catalog.code),
      rlinks: [{ href: catalogExportHref(input.catalog.versionId), 'media-type': 'application/json' }],
    },
  ];
  if (added.length) {
    imports.push({ href: `#${additionsRes}`, 'include-all': {} });
    resources.push({
      uuid: additionsRes,
      title: '独自に追加した項目 (items added by the agency)',
      base64: {
        filename: 'additions.json',
        'media-type': 'application/json',
        value: Buffer.from(JSON.stringify(additionsCatalog(input, added))).toString('base64'),
      },
    });
  }
  const notApplicable = input.changes
    .filter((c) => c.kind === 'not_applicable')
    .map((c) => ({ name: 'not-applicable', ns: MAMORU_NS, value: c.itemId, remarks: c.reason }));
  return {
    profile: {
      uuid: oscalUuid('policy', input.policy.id),
      metadata: {
        title: input.policy.name,
        'last-modified': input.policy.updatedAt.toISOString(),
        // A policy has no version number of its own; its last change stands for one.
        version: input.policy.updatedAt.toISOString(),
        'oscal-version': OSCAL_VERSION,
        ...nonEmpty('props', [...mprop('catalog-version', input.catalog.version), ...notApplicable]),
        ...(input.policy.description ? { remarks: input.policy.description } : {}),
      },
      imports,
      merge: { 'as-is': true },
      ...(alters.length ? { modify: { alters } } : {}),
      'back-matter': { resources },
    },
  };
}
