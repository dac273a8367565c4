import { useTranslation } from 'react-i18next';
import { isMetricGroup } from '../format.js';

/** A metric group's name (責任者等, システム責任者等, 行政事務従事者); a group a newer server adds shows its key. */
export function useGroupLabel() {
  const { t } = useTranslation('selfcheck');
  return (g: string) => (isMetricGroup(g) ? t(`group.${g}`) : g);
}
