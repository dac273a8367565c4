// The requirement catalog (catalog-model.ts) as an OSCAL catalog: chapters and sections become nested
// groups, items become controls whose statement and guidance are parts (001 L10695-10768). Pure.
import type { CatalogDoc, CatalogItem } from '../catalog-model.js';
import {
  chapterGroupId,
  controlId,
  guidanceId,
  OSCAL_VERSION,
  oscalUuid,
  sectionGroupId,
  statementId,
} from './ids.js';
import { type Control, mprop, nonEmpty, type OscalCatalog, type Part, type Prop } from './types.js';

/** The `label` prop (an OSCAL core name) carries the number as the standard writes it. */
export const label = (value: string): Prop => ({ name: 'label', value });

export function itemToControl(
  it: Pick<CatalogItem, 'id' | 'title' | 'text' | 'level' | 'roles' | 'tags'> & {
    titleEn?: string | null | undefined;
    guidance?: string | null | undefined;
  },
): Control {
  const parts: Part[] = [{ id: statementId(it.id), name: 'statement', prose: it.text }];
  if (it.guidance) parts.push({ id: guidanceId(it.id), name: 'guidance', prose: it.guidance });
  return {
    id: controlId(it.id),
    // 基本遵守事項 / 強化遵守事項 (004 L3518)
    class: it.level,
    title: it.title,
    props: [
      label(it.id),
      ...mprop('title-en', it.titleEn),
      ...mprop('level', it.level),
      ...it.roles.flatMap((r) => mprop('role', r)),
      ...it.tags.flatMap((t) => mprop('tag', t)),
    ],
    parts,
  };
}

/** `lastModified`: when the version was imported, so re-exports of one version are identical. */
export function catalogToOscal(doc: CatalogDoc, opts: { lastModified: Date }): OscalCatalog {
  return {
    catalog: {
      uuid: oscalUuid('catalog', doc.code, doc.version),
      metadata: {
        title: doc.title,
        'last-modified': opts.lastModified.toISOString(),
        version: doc.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          ...mprop('catalog-code', doc.code),
          ...mprop('title-en', doc.titleEn),
          // A summary is Mamoru's own words about the structure, not the official text.
          ...mprop('summary', doc.summary),
        ],
        ...(doc.notice ? { remarks: doc.notice } : {}),
      },
      groups: doc.chapters.map((ch) => ({
        id: chapterGroupId(ch.no),
        class: 'chapter',
        title: ch.title,
        props: [label(ch.no), ...mprop('title-en', ch.titleEn)],
        ...nonEmpty(
          'groups',
          ch.sections.map((s) => ({
            id: sectionGroupId(s.no),
            class: 'section',
            title: s.title,
            props: [label(s.no), ...mprop('title-en', s.titleEn)],
            ...nonEmpty('controls', s.items.map(itemToControl)),
          })),
        ),
      })),
    },
  };
}

/** The file's name and media type (OSCAL has no registered media type; JSON is what tools expect). */
export const OSCAL_JSON_TYPE = 'application/json; charset=utf-8';
export const oscalBody = (doc: unknown) => Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
