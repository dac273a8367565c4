import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { activatePolicy, usePolicies, useRefresh } from '../api.js';
import type { PolicySummary } from '../types.js';
import { CopyPolicyModal } from './CopyPolicyModal.js';

/** The shipped policies and the agency's copies; which one new information is classified under. */
export default function PoliciesPage() {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const policies = usePolicies();
  const canManage = useCan('classification.manage');
  const refresh = useRefresh();
  const [copying, setCopying] = useState<PolicySummary | null>(null);
  const [activating, setActivating] = useState<PolicySummary | null>(null);
  const name = (p: PolicySummary) => (lang === 'en' && p.nameEn ? p.nameEn : p.name);
  return (
    <>
      <PageHeader title={t('policies.title')} description={t('policies.description')} />
      <ProblemAlert error={policies.error} />
      {policies.isPending ? (
        <LoadingState />
      ) : !policies.data?.items.length ? (
        <EmptyMessage />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" aria-label={t('policies.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.col.name')}</Table.Th>
                <Table.Th>{t('policies.col.kind')}</Table.Th>
                <Table.Th>{t('policies.col.updatedAt')}</Table.Th>
                {canManage && <Table.Th>{t('policies.col.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Anchor component={Link} to={`/classification/policies/${p.id}`} fw={600}>
                          {name(p)}
                        </Anchor>
                        {p.active && <Badge color="green">{t('policies.active')}</Badge>}
                      </Group>
                      {p.basedOn && !p.shipped && (
                        <Text size="xs" c="dimmed">
                          {t('policies.basedOn', { id: p.basedOn })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{p.shipped ? t('policies.shipped') : t('policies.own')}</Table.Td>
                  <Table.Td>{formatDate(p.updatedAt, lang)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-sm" variant="light" onClick={() => setCopying(p)}>
                          {t('policy.copy')}
                        </Button>
                        {!p.active && (
                          <Button size="compact-sm" variant="default" onClick={() => setActivating(p)}>
                            {t('policy.activate')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CopyPolicyModal from={copying} onClose={() => setCopying(null)} />
      <ConfirmDialog
        opened={!!activating}
        onClose={() => setActivating(null)}
        title={t('policy.activateTitle')}
        message={t('policy.activateBody', { name: activating ? name(activating) : '' })}
        confirmLabel={t('policy.activate')}
        color="blue"
        onConfirm={async () => {
          if (activating) await activatePolicy(activating.id);
          await refresh();
        }}
      />
    </>
  );
}
