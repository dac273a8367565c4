import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../../app/permissions.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { activatePolicy, type PolicyDefinition, savePolicy, usePolicy, useRefresh } from '../api.js';
import { HANDLING_ACTIONS, levelName } from '../format.js';
import type { ConfidentialityLevel, HandlingRule, Level, RestrictionDef } from '../types.js';
import { CopyPolicyModal } from './CopyPolicyModal.js';
import { LevelEditModal } from './LevelEditModal.js';
import { type Dim, LevelsTables } from './LevelsTables.js';
import { definitionOf, withRule } from './policy-draft.js';
import { RestrictionEditModal } from './RestrictionEditModal.js';
import { RuleEditModal } from './RuleEditModal.js';
import { RulesTable } from './RulesTable.js';

/**
 * A classification policy: its levels with their criteria, its handling restrictions and the rule table
 * (who must permit or be notified). An agency copy is edited here (classification.manage); shipped
 * policies are read-only and can be copied.
 */
export default function PolicyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(['classification', 'common']);
  const lang = i18n.language;
  const policy = usePolicy(id);
  const refresh = useRefresh();
  const canManage = useCan('classification.manage');
  const [draft, setDraft] = useState<PolicyDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [copying, setCopying] = useState(false);
  const [activating, setActivating] = useState(false);
  const [cell, setCell] = useState<HandlingRule | null>(null);
  const [level, setLevel] = useState<{ dim: Dim; level: Level | ConfidentialityLevel } | null>(null);
  const [restriction, setRestriction] = useState<{ def: RestrictionDef; isNew: boolean } | null>(null);
  const p = policy.data;
  useEffect(() => {
    if (p && !dirty) setDraft(definitionOf(p));
  }, [p, dirty]);

  if (policy.isPending) return <LoadingState />;
  if (!p || !draft)
    return (
      <>
        <ProblemAlert error={policy.error} />
        <EmptyMessage title={t('policy.notFound')} />
      </>
    );
  const editable = p.editable;
  const change = (next: PolicyDefinition) => {
    setDraft(next);
    setDirty(true);
  };
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await savePolicy(p.id, draft);
      setDirty(false);
      await refresh();
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setSaving(false);
    }
  };
  const actionName = (a: string) => {
    const named = p.actions.find((x) => x.key === a);
    return named ? (lang === 'en' ? named.nameEn : named.nameJa) : a;
  };
  const actions = p.actions.length ? p.actions.map((a) => a.key) : [...HANDLING_ACTIONS];
  const _name = (x: { nameJa: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameJa);
  const description = lang === 'en' ? p.descriptionEn : p.descriptionJa;

  return (
    <>
      <PageHeader
        title={lang === 'en' && p.nameEn ? p.nameEn : p.name}
        description={description ?? undefined}
        actions={
          canManage && (
            <Group gap="xs">
              <Button variant="light" onClick={() => setCopying(true)}>
                {t('policy.copy')}
              </Button>
              {!p.active && (
                <Button variant="default" onClick={() => setActivating(true)}>
                  {t('policy.activate')}
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack>
        <Group gap="xs">
          {p.active && <Badge color="green">{t('policies.active')}</Badge>}
          <Badge variant="outline">{p.shipped ? t('policies.shipped') : t('policies.own')}</Badge>
        </Group>
        {p.shipped && canManage && <Alert color="gray">{t('policy.shippedReadOnly')}</Alert>}
        {editable && (
          <Paper withBorder p="sm">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm">{dirty ? t('policy.unsaved') : t('policy.editHint')}</Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  disabled={!dirty}
                  onClick={() => {
                    setDirty(false);
                    setDraft(definitionOf(p));
                  }}
                >
                  {t('policy.discard')}
                </Button>
                <Button onClick={save} loading={saving} disabled={!dirty || !draft.name.trim()}>
                  {t('common:actions.save')}
                </Button>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
              <TextInput
                label={t('policy.name')}
                value={draft.name}
                onChange={(e) => change({ ...draft, name: e.currentTarget.value })}
                maxLength={200}
                required
              />
              <TextInput
                label={t('policy.nameEnLabel')}
                value={draft.nameEn ?? ''}
                onChange={(e) => change({ ...draft, nameEn: e.currentTarget.value || undefined })}
                maxLength={200}
              />
            </SimpleGrid>
            <ProblemAlert error={saveError} />
          </Paper>
        )}
        <Tabs defaultValue="levels">
          <Tabs.List>
            <Tabs.Tab value="levels">{t('policy.levels')}</Tabs.Tab>
            <Tabs.Tab value="restrictions">{t('policy.restrictions')}</Tabs.Tab>
            <Tabs.Tab value="rules">{t('policy.rules')}</Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="levels" pt="md">
            <LevelsTables
              draft={draft}
              editable={editable}
              onEdit={(dim, level) => setLevel({ dim, level })}
            />
          </Tabs.Panel>

          <Tabs.Panel value="restrictions" pt="md">
            <Stack>
              {editable && (
                <Group>
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() =>
                      setRestriction({
                        def: { key: '', nameJa: '', nameEn: '', param: null, forbids: [] },
                        isNew: true,
                      })
                    }
                  >
                    {t('policy.addRestriction')}
                  </Button>
                </Group>
              )}
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="sm" striped aria-label={t('policy.restrictions')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('policy.levelName')}</Table.Th>
                      <Table.Th>{t('policy.param')}</Table.Th>
                      <Table.Th>{t('policy.forbids')}</Table.Th>
                      {editable && <Table.Th />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {draft.restrictions.map((r) => (
                      <Table.Tr key={r.key}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {lang === 'en' ? r.nameEn : r.nameJa}
                          </Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {r.key}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {r.param === 'date'
                            ? t('policy.paramDate')
                            : r.param === 'text'
                              ? t('policy.paramText')
                              : t('policy.paramNone')}
                        </Table.Td>
                        <Table.Td>
                          {(r.forbids ?? []).length
                            ? (r.forbids ?? []).map((a) => actionName(a)).join(t('history.separator'))
                            : '—'}
                        </Table.Td>
                        {editable && (
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                onClick={() =>
                                  setRestriction({
                                    def: { ...r, param: r.param ?? null, forbids: r.forbids ?? [] },
                                    isNew: false,
                                  })
                                }
                              >
                                {t('common:actions.edit')}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                onClick={() =>
                                  change({
                                    ...draft,
                                    restrictions: draft.restrictions.filter((x) => x.key !== r.key),
                                  })
                                }
                              >
                                {t('policy.remove')}
                              </Button>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Tabs.Panel>

          <Tabs.Panel value="rules" pt="md">
            <RulesTable
              draft={draft}
              editable={editable}
              actions={actions}
              actionName={actionName}
              onEdit={setCell}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>

      <RuleEditModal
        rule={cell}
        title={
          cell
            ? t('policy.editCell', {
                action: actionName(cell.action),
                level: levelName(p, 'confidentiality', cell.confidentiality, lang),
              })
            : ''
        }
        onClose={() => setCell(null)}
        onSave={(rule) => change(withRule(draft, rule))}
      />
      <LevelEditModal
        level={level?.level ?? null}
        onClose={() => setLevel(null)}
        onSave={(next) => {
          if (!level) return;
          change({
            ...draft,
            levels: {
              ...draft.levels,
              [level.dim]: draft.levels[level.dim].map((x) => (x.value === next.value ? next : x)),
            },
          });
        }}
      />
      <RestrictionEditModal
        restriction={restriction?.def ?? null}
        isNew={restriction?.isNew ?? false}
        taken={draft.restrictions.map((r) => r.key)}
        onClose={() => setRestriction(null)}
        onSave={(def) => {
          const exists = draft.restrictions.some((r) => r.key === def.key);
          change({
            ...draft,
            restrictions: exists
              ? draft.restrictions.map((r) => (r.key === def.key ? def : r))
              : [...draft.restrictions, def],
          });
        }}
      />
      <CopyPolicyModal from={copying ? { id: p.id, name: p.name } : null} onClose={() => setCopying(false)} />
      <ConfirmDialog
        opened={activating}
        onClose={() => setActivating(false)}
        title={t('policy.activateTitle')}
        message={t('policy.activateBody', { name: p.name })}
        confirmLabel={t('policy.activate')}
        color="blue"
        onConfirm={async () => {
          await activatePolicy(p.id);
          await refresh();
        }}
      />
    </>
  );
}
