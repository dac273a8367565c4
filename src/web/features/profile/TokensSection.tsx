import { Badge, Button, Code, Divider, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { formatDate } from '../../app/format.js';
import { usePermissionLabel } from '../../app/labels.js';
import type { ApiToken, CreatedToken } from '../../app/types.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { OneTimeSecret } from '../../app/ui/OneTimeSecret.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { Section } from './Section.js';

const TOKENS_KEY = ['me', 'tokens'] as const;

/** Personal API tokens for scripts and integrations: created with chosen scopes, shown once, revocable. */
export function TokensSection() {
  const { t, i18n } = useTranslation('profile');
  const queryClient = useQueryClient();
  const permissionLabel = usePermissionLabel();
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await api<{ items: ApiToken[] }>('/me/tokens')).items,
  });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const onCreated = async (token: CreatedToken) => {
    setCreated(token);
    await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  };
  const revoke = async () => {
    if (!revoking) return;
    await api(`/me/tokens/${revoking.id}`, { method: 'DELETE' });
    await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  };
  const date = (iso: string | null) => formatDate(iso, i18n.language);
  return (
    <Section id="tokens" title={t('tokens.title')} description={t('tokens.description')}>
      <Stack>
        {created && (
          <OneTimeSecret label={t('tokens.createdLabel', { name: created.name })} value={created.token} />
        )}
        <ProblemAlert error={tokens.error} />
        {tokens.isPending ? (
          <LoadingState />
        ) : !tokens.data || tokens.data.length === 0 ? (
          <EmptyMessage title={t('tokens.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label={t('tokens.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.prefix')}</Table.Th>
                  <Table.Th>{t('tokens.scopes')}</Table.Th>
                  <Table.Th>{t('tokens.created')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td>{tok.name}</Table.Td>
                    <Table.Td>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {tok.scopes.map((s) => (
                          <Badge key={s} size="sm" color="gray" tt="none">
                            {s === 'self' ? t('tokens.self') : permissionLabel(s)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{date(tok.createdAt)}</Table.Td>
                    <Table.Td>{tok.expiresAt ? date(tok.expiresAt) : t('tokens.never')}</Table.Td>
                    <Table.Td>{date(tok.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {tok.revokedAt ? (
                        <Text size="sm" c="dimmed">
                          {t('tokens.revokedOn', { date: date(tok.revokedAt) })}
                        </Text>
                      ) : (
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="light"
                          onClick={() => setRevoking(tok)}
                        >
                          {t('tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Divider label={t('tokens.new')} labelPosition="left" />
        <CreateTokenForm onCreated={onCreated} />
      </Stack>
      <ConfirmDialog
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title={t('tokens.revokeTitle')}
        message={t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        onConfirm={revoke}
      />
    </Section>
  );
}
