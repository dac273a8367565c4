import { ActionIcon, Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../admin/roles-api.js';
import type { HandlingRule } from '../types.js';

/** Edits one cell of an agency copy's rule table: allowed or not, who permits or is notified, and the reference. */
export function RuleEditModal({
  rule,
  title,
  onClose,
  onSave,
}: {
  rule: HandlingRule | null;
  title: string;
  onClose(): void;
  onSave(rule: HandlingRule): void;
}) {
  const { t, i18n } = useTranslation(['classification', 'common']);
  const roles = useRoles();
  const [draft, setDraft] = useState<HandlingRule | null>(rule);
  useEffect(() => setDraft(rule), [rule]);
  // Requirements name standard roles by their standard Japanese name (validatePolicy checks it).
  const roleOptions = (roles.data ?? [])
    .filter((r) => r.standardName)
    .map((r) => ({ value: r.key, label: i18n.language === 'en' ? r.nameEn : r.standardName! }));
  const standardName = (key: string) => roles.data?.find((r) => r.key === key)?.standardName ?? key;
  if (!draft) return null;
  const setReq = (i: number, patch: Partial<HandlingRule['requirements'][number]>) =>
    setDraft({
      ...draft,
      requirements: draft.requirements.map((q, j) => (j === i ? { ...q, ...patch } : q)),
    });
  return (
    <Modal opened={!!rule} onClose={onClose} title={title} centered size="lg">
      <Stack>
        <Switch
          label={t('policy.allowed')}
          checked={draft.allowed}
          onChange={(e) =>
            setDraft({
              ...draft,
              allowed: e.currentTarget.checked,
              requirements: e.currentTarget.checked ? draft.requirements : [],
            })
          }
        />
        {draft.allowed &&
          draft.requirements.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled; two rows may name the same role while editing
            <Group key={i} align="flex-end" wrap="wrap">
              <Select
                label={t('policy.kind')}
                data={[
                  { value: 'permission', label: t('stepKind.permission') },
                  { value: 'notification', label: t('stepKind.notification') },
                ]}
                value={q.kind}
                onChange={(k) => setReq(i, { kind: (k ?? 'permission') as 'permission' | 'notification' })}
                allowDeselect={false}
                w={140}
              />
              <Select
                label={t('policy.role')}
                data={roleOptions}
                value={q.roleKey}
                onChange={(key) => key && setReq(i, { roleKey: key, roleName: standardName(key) })}
                allowDeselect={false}
                style={{ flex: 1 }}
                miw={220}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('policy.removeRequirement')}
                onClick={() =>
                  setDraft({ ...draft, requirements: draft.requirements.filter((_, j) => j !== i) })
                }
                mb={4}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        {draft.allowed && (
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                setDraft({
                  ...draft,
                  requirements: [
                    ...draft.requirements,
                    {
                      kind: 'permission',
                      roleKey: 'division_security_officer',
                      roleName: standardName('division_security_officer'),
                    },
                  ],
                })
              }
            >
              {t('policy.addRequirement')}
            </Button>
          </Group>
        )}
        <TextInput
          label={t('policy.reference')}
          description={t('policy.referenceHelp')}
          value={draft.rule}
          onChange={(e) => setDraft({ ...draft, rule: e.currentTarget.value })}
          maxLength={500}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            disabled={!draft.rule.trim()}
            onClick={() => {
              onSave(draft);
              onClose();
            }}
          >
            {t('policy.applyCell')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
