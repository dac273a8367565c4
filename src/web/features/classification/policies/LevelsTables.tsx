import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyDefinition } from '../api.js';
import type { ConfidentialityLevel, Level } from '../types.js';

export type Dim = 'confidentiality' | 'integrity' | 'availability';
const DIMS: Dim[] = ['confidentiality', 'integrity', 'availability'];

/** The policy's levels per dimension: name, criteria, marking and (confidentiality) what each requires. */
export function LevelsTables({
  draft,
  editable,
  onEdit,
}: {
  draft: PolicyDefinition;
  editable: boolean;
  onEdit(dim: Dim, level: Level | ConfidentialityLevel): void;
}) {
  const { t, i18n } = useTranslation(['classification', 'common']);
  const lang = i18n.language;
  const name = (x: { nameJa: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameJa);
  return (
    <Stack gap="lg">
      {DIMS.map((dim) => (
        <Stack key={dim} gap="xs">
          <Title order={2} size="h4">
            {t(`form.${dim}`)}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" striped aria-label={t(`form.${dim}`)}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('policy.levelName')}</Table.Th>
                  <Table.Th>{t('policy.criteria')}</Table.Th>
                  <Table.Th>{t('policy.marking')}</Table.Th>
                  {dim === 'confidentiality' && <Table.Th>{t('policy.requires')}</Table.Th>}
                  {editable && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.levels[dim].map((l) => (
                  <Table.Tr key={l.value}>
                    <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {name(l)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{lang === 'en' ? l.criteriaEn : l.criteriaJa}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.marking ?? '—'}</Table.Td>
                    {dim === 'confidentiality' && 'requiresAccessScope' in l && (
                      <Table.Td>
                        <Group gap={4}>
                          {(
                            [
                              'requiresConfirmation',
                              'requiresAccessScope',
                              'requiresStorageDesignation',
                              'serialNumbered',
                            ] as const
                          )
                            .filter((f) => l[f])
                            .map((f) => (
                              <Badge key={f} variant="light" size="sm" tt="none">
                                {t(`policy.flag.${f}`)}
                              </Badge>
                            ))}
                          {l.reviewIntervalMonths && (
                            <Badge variant="outline" size="sm" tt="none">
                              {t('policy.reviewEvery', { months: l.reviewIntervalMonths })}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                    {editable && (
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => onEdit(dim, l)}
                          aria-label={`${t('common:actions.edit')}: ${name(l)}`}
                        >
                          {t('common:actions.edit')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
    </Stack>
  );
}
