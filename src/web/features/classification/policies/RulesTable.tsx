import { Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyDefinition } from '../api.js';
import type { HandlingAction, HandlingRule } from '../types.js';
import { ruleAt } from './policy-draft.js';
import { RuleCell } from './RuleCell.js';

/** The rule table: one row per action, one column per confidentiality level; cells open the editor. */
export function RulesTable({
  draft,
  editable,
  actions,
  actionName,
  onEdit,
}: {
  draft: PolicyDefinition;
  editable: boolean;
  actions: HandlingAction[];
  actionName(action: string): string;
  onEdit(rule: HandlingRule): void;
}) {
  const { t, i18n } = useTranslation('classification');
  const name = (x: { nameJa: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.nameJa);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {editable ? t('policy.rulesEditHelp') : t('policy.rulesHelp')}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table
          withColumnBorders
          verticalSpacing="sm"
          aria-label={t('policy.rules')}
          data-testid="rules-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy.action')}</Table.Th>
              {draft.levels.confidentiality.map((l) => (
                <Table.Th key={l.value}>{name(l)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((a) => (
              <Table.Tr key={a}>
                <Table.Th scope="row">{actionName(a)}</Table.Th>
                {draft.levels.confidentiality.map((l) => {
                  const rule = ruleAt(draft.rules as HandlingRule[], a, l.value);
                  return (
                    <Table.Td key={l.value} title={rule?.rule}>
                      {editable ? (
                        <UnstyledButton
                          onClick={() =>
                            onEdit(
                              rule ?? {
                                action: a,
                                confidentiality: l.value,
                                allowed: true,
                                requirements: [],
                                rule: '',
                              },
                            )
                          }
                          aria-label={t('policy.editCell', { action: actionName(a), level: name(l) })}
                          w="100%"
                        >
                          <RuleCell rule={rule} />
                        </UnstyledButton>
                      ) : (
                        <RuleCell rule={rule} />
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
