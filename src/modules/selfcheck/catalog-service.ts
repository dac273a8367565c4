import { and, asc, desc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError, importInvalid } from '../../server/errors.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { roles } from '../roles/schema.js';
import {
  type CatalogDoc,
  catalogToXlsx,
  catalogToYaml,
  loadShippedCatalog,
  parseCatalogXlsx,
  parseCatalogYaml,
  standardRoleAliases,
} from './catalog-format.js';
import { catalogToOscal, OSCAL_JSON_TYPE, oscalBody } from './oscal/catalog.js';
import { catalogItems, catalogs, catalogVersions } from './schema.js';
import type { CatalogItemOut } from './validation.js';

type VersionRow = typeof catalogVersions.$inferSelect;
type CatalogRow = typeof catalogs.$inferSelect;
type ItemRow = typeof catalogItems.$inferSelect;

export function presentVersion(v: VersionRow, c: CatalogRow) {
  return {
    id: v.id,
    catalogId: c.id,
    catalogCode: c.code,
    catalogTitle: c.title,
    shipped: c.tenantId === null,
    version: v.version,
    summary: v.summary,
    notice: v.notice,
    source: v.source,
    itemCount: v.itemCount,
    importedAt: v.importedAt.toISOString(),
  };
}

export function presentItem(i: ItemRow): CatalogItemOut {
  return {
    itemId: i.itemId,
    chapterNo: i.chapterNo,
    chapterTitle: i.chapterTitle,
    chapterTitleEn: i.chapterTitleEn,
    sectionNo: i.sectionNo,
    sectionTitle: i.sectionTitle,
    sectionTitleEn: i.sectionTitleEn,
    title: i.title,
    titleEn: i.titleEn,
    text: i.text,
    guidance: i.guidance,
    roles: i.roles,
    level: i.level,
    tags: i.tags,
  };
}

/** Writes a parsed catalog document as a new version (creating the catalog series if needed). */
async function storeVersion(
  tx: Db,
  tenantId: string | null,
  doc: CatalogDoc,
  source: VersionRow['source'],
  importedBy: string | null,
) {
  let [catalog] = await tx
    .select()
    .from(catalogs)
    .where(
      and(
        tenantId ? eq(catalogs.tenantId, tenantId) : isNull(catalogs.tenantId),
        eq(catalogs.code, doc.code),
      ),
    );
  if (!catalog) {
    [catalog] = await tx
      .insert(catalogs)
      .values({ tenantId, code: doc.code, title: doc.title, titleEn: doc.titleEn ?? null })
      .returning();
  }
  const [dup] = await tx
    .select({ id: catalogVersions.id })
    .from(catalogVersions)
    .where(and(eq(catalogVersions.catalogId, catalog!.id), eq(catalogVersions.version, doc.version)));
  if (dup) {
    throw new AppError('conflict', {
      detail: {
        ja: `カタログ ${doc.code} の版 ${doc.version} は取込済みです。版を変えて取り込んでください（以前の版は履歴として残ります）。`,
        en: `Version ${doc.version} of catalog ${doc.code} exists. Import it under a new version (earlier versions are kept).`,
      },
    });
  }
  const items = doc.chapters.flatMap((ch) =>
    ch.sections.flatMap((s) => s.items.map((it) => ({ ch, s, it }))),
  );
  const [version] = await tx
    .insert(catalogVersions)
    .values({
      catalogId: catalog!.id,
      version: doc.version,
      summary: doc.summary,
      notice: doc.notice ?? null,
      source,
      itemCount: items.length,
      importedBy,
      outline: doc.chapters.map((ch) => ({
        no: ch.no,
        title: ch.title,
        ...(ch.titleEn ? { titleEn: ch.titleEn } : {}),
        sections: ch.sections.map((s) => ({
          no: s.no,
          title: s.title,
          ...(s.titleEn ? { titleEn: s.titleEn } : {}),
        })),
      })),
    })
    .returning();
  for (let i = 0; i < items.length; i += 500) {
    await tx.insert(catalogItems).values(
      items.slice(i, i + 500).map(({ ch, s, it }, k) => ({
        versionId: version!.id,
        itemId: it.id,
        chapterNo: ch.no,
        chapterTitle: ch.title,
        chapterTitleEn: ch.titleEn ?? null,
        sectionNo: s.no,
        sectionTitle: s.title,
        sectionTitleEn: s.titleEn ?? null,
        title: it.title,
        titleEn: it.titleEn ?? null,
        text: it.text,
        guidance: it.guidance ?? null,
        roles: it.roles,
        level: it.level,
        tags: it.tags,
        sortOrder: i + k,
      })),
    );
  }
  return { catalog: catalog!, version: version! };
}

/** Installs the catalog shipped with Mamoru (a summary, not the official text) if this version is missing. */
export async function ensureShippedCatalog(db: Db) {
  const doc = loadShippedCatalog();
  const [existing] = await db
    .select({ id: catalogVersions.id })
    .from(catalogVersions)
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .where(
      and(isNull(catalogs.tenantId), eq(catalogs.code, doc.code), eq(catalogVersions.version, doc.version)),
    );
  if (existing) return existing.id;
  const { version } = await db.transaction((tx) => storeVersion(tx, null, doc, 'shipped', null));
  return version.id;
}

/** Catalog versions the agency can use: Mamoru's shipped ones and its own imports. */
export async function listCatalogVersions(ctx: ActorCtx) {
  authorize(ctx.actor, 'selfcheck.view');
  const rows = await ctx.db
    .select({ v: catalogVersions, c: catalogs })
    .from(catalogVersions)
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .where(or(isNull(catalogs.tenantId), eq(catalogs.tenantId, ctx.actor.tenantId)))
    .orderBy(asc(catalogs.code), desc(catalogVersions.importedAt));
  return rows.map((r) => presentVersion(r.v, r.c));
}

export async function loadVersion(ctx: ActorCtx, versionId: string) {
  const [row] = await ctx.db
    .select({ v: catalogVersions, c: catalogs })
    .from(catalogVersions)
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .where(
      and(
        eq(catalogVersions.id, versionId),
        or(isNull(catalogs.tenantId), eq(catalogs.tenantId, ctx.actor.tenantId)),
      ),
    );
  if (!row) throw new AppError('not_found');
  return row;
}

export async function versionItems(db: Db, versionId: string) {
  return db
    .select()
    .from(catalogItems)
    .where(eq(catalogItems.versionId, versionId))
    .orderBy(asc(catalogItems.sortOrder));
}

export async function getCatalogVersion(ctx: ActorCtx, versionId: string) {
  authorize(ctx.actor, 'selfcheck.view');
  const { v, c } = await loadVersion(ctx, versionId);
  return {
    ...presentVersion(v, c),
    chapters: v.outline,
    items: (await versionItems(ctx.db, v.id)).map(presentItem),
  };
}

/** Role keys of the agency, and its role names (Japanese and English) as aliases for files that use them. */
async function rolesOf(db: Db, tenantId: string) {
  const rows = await db.select().from(roles).where(eq(roles.tenantId, tenantId));
  const roleAliases: Record<string, string> = { ...standardRoleAliases() };
  for (const r of rows) {
    roleAliases[r.nameJa] = r.key;
    roleAliases[r.nameEn] = r.key;
  }
  return { knownRoles: new Set(rows.map((r) => r.key)), roleAliases };
}

/** Imports an agency's catalog (e.g. the official text) from YAML or .xlsx as a new version. */
export async function importCatalog(ctx: ActorCtx, file: Buffer, dryRun: boolean) {
  authorizeTenantWide(ctx.actor, 'selfcheck.manage');
  const opts = await rolesOf(ctx.db, ctx.actor.tenantId);
  const isXlsx = file[0] === 0x50 && file[1] === 0x4b;
  const { doc, errors } = isXlsx
    ? await parseCatalogXlsx(file, opts)
    : parseCatalogYaml(file.toString('utf8'), opts);
  if (errors.length || !doc) throw importInvalid(errors);
  const itemCount = doc.chapters.reduce(
    (n, ch) => n + ch.sections.reduce((m, s) => m + s.items.length, 0),
    0,
  );
  if (dryRun) return { dryRun: true, code: doc.code, version: doc.version, itemCount, versionId: null };
  return ctx.db.transaction(async (tx) => {
    const { version } = await storeVersion(
      tx,
      ctx.actor.tenantId,
      doc,
      isXlsx ? 'xlsx' : 'yaml',
      ctx.actor.accountId,
    );
    await recordAudit(tx, ctx, {
      action: 'selfcheck.catalog_import',
      tenantId: ctx.actor.tenantId,
      targetId: version.id,
      after: { code: doc.code, version: doc.version, itemCount },
    });
    return { dryRun: false, code: doc.code, version: doc.version, itemCount, versionId: version.id };
  });
}

/** A version as a catalog document, for export in the same formats as import. */
export async function exportCatalogVersion(
  ctx: ActorCtx,
  versionId: string,
  format: 'yaml' | 'xlsx' | 'oscal',
) {
  authorize(ctx.actor, 'selfcheck.view');
  const { v, c } = await loadVersion(ctx, versionId);
  const doc = toDoc(c, v, await versionItems(ctx.db, v.id));
  const name = `${c.code}-${v.version}`;
  if (format === 'oscal')
    return {
      body: oscalBody(catalogToOscal(doc, { lastModified: v.importedAt })),
      type: OSCAL_JSON_TYPE,
      filename: `${name}.oscal-catalog.json`,
    };
  return format === 'yaml'
    ? {
        body: Buffer.from(catalogToYaml(doc)),
        type: 'application/yaml; charset=utf-8',
        filename: `${name}.yaml`,
      }
    : {
        body: await catalogToXlsx(doc),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${name}.xlsx`,
      };
}

/** The stored version as a catalog document: its outline (empty sections included) filled with its items. */
export function toDoc(c: CatalogRow, v: VersionRow, items: ItemRow[]): CatalogDoc {
  const doc: CatalogDoc = {
    code: c.code,
    title: c.title,
    ...(c.titleEn ? { titleEn: c.titleEn } : {}),
    version: v.version,
    summary: v.summary,
    ...(v.notice ? { notice: v.notice } : {}),
    chapters: v.outline.map((ch) => ({
      ...ch,
      sections: ch.sections.map((s) => ({
        ...s,
        items: [] as CatalogDoc['chapters'][number]['sections'][number]['items'],
      })),
    })),
  };
  for (const it of items) {
    let ch = doc.chapters.find((x) => x.no === it.chapterNo);
    if (!ch) {
      ch = {
        no: it.chapterNo,
        title: it.chapterTitle,
        ...(it.chapterTitleEn ? { titleEn: it.chapterTitleEn } : {}),
        sections: [],
      };
      doc.chapters.push(ch);
    }
    let s = ch.sections.find((x) => x.no === it.sectionNo);
    if (!s) {
      s = {
        no: it.sectionNo,
        title: it.sectionTitle,
        ...(it.sectionTitleEn ? { titleEn: it.sectionTitleEn } : {}),
        items: [],
      };
      ch.sections.push(s);
    }
    s.items.push({
      id: it.itemId,
      title: it.title,
      ...(it.titleEn ? { titleEn: it.titleEn } : {}),
      text: it.text,
      ...(it.guidance ? { guidance: it.guidance } : {}),
      roles: it.roles,
      level: it.level,
      tags: it.tags,
    });
  }
  return doc;
}
