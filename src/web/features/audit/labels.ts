import { useTranslation } from 'react-i18next';
import { resources } from '../../i18n/resources.js';

type Labels = Record<string, Record<string, string>>;
const jaActions = resources.ja.audit.action as Labels;

/** The audit actions that have a label, grouped by their prefix ("auth", "account", …). */
export const ACTION_GROUPS: { group: string; actions: string[] }[] = Object.entries(jaActions).map(
  ([group, actions]) => ({ group, actions: Object.keys(actions).map((a) => `${group}.${a}`) }),
);

/** Labels for audit actions and target types; an action a later module added without a label shows its code. */
export function useAuditLabels() {
  const { i18n } = useTranslation('audit');
  const lookup = (key: string): string | undefined => {
    const value = i18n.getResource(i18n.language, 'audit', key) ?? i18n.getResource('ja', 'audit', key);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    action: (action: string) => lookup(`action.${action}`) ?? action,
    group: (group: string) => lookup(`actionGroup.${group}`) ?? group,
    targetType: (type: string) => lookup(`targetType.${type}`) ?? type,
  };
}
