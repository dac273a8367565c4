import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { useLocalName } from '../../../app/units.js';

export interface TrailUnit {
  unitId: string;
  nameJa: string;
  nameEn: string | null;
}

/**
 * The page's query string plus the way down to the unit shown (?unit=). The way is kept in the history
 * entry's state, so the browser's back button returns to the level above with its breadcrumb.
 */
export function useDrill() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const trail = (location.state as { trail?: TrailUnit[] } | null)?.trail ?? [];
  const update = (patch: Record<string, string | null>, opts: { push?: boolean; trail?: TrailUnit[] } = {}) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: !opts.push, state: { trail: opts.trail ?? trail } },
    );
  const go = (next: TrailUnit[]) =>
    update({ unit: next.at(-1)?.unitId ?? null, item: null }, { push: true, trail: next });
  return { params, unitId: params.get('unit'), trail, update, go };
}

/** The way down from the top unit to the one shown; each step leads back up. */
export function UnitTrail({
  trail: given,
  current,
  onTop,
  onPick,
}: {
  trail: TrailUnit[];
  /** The unit shown, for a page opened at a unit directly (no way down recorded). */
  current: TrailUnit | null;
  onTop(): void;
  onPick(index: number): void;
}) {
  const { t } = useTranslation('selfcheck');
  const name = useLocalName();
  const trail = given.length === 0 && current ? [current] : given;
  return (
    <nav aria-label={t('drill.breadcrumb')}>
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {trail.length === 0 ? (
          <Text size="sm" fw={600} aria-current="page">
            {t('drill.top')}
          </Text>
        ) : (
          <Anchor component="button" type="button" size="sm" onClick={onTop}>
            {t('drill.top')}
          </Anchor>
        )}
        {trail.map((u, i) =>
          i === trail.length - 1 ? (
            <Text key={u.unitId} size="sm" fw={600} aria-current="page">
              {name(u)}
            </Text>
          ) : (
            <Anchor key={u.unitId} component="button" type="button" size="sm" onClick={() => onPick(i)}>
              {name(u)}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
