import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { usePermissionLabel } from '../../app/labels.js';
import { PERMISSIONS, type Permission, type Role } from '../../app/types.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { ROLES_KEY } from './roles-api.js';

const METRIC_GROUPS = ['managers', 'system', 'staff'] as const;

interface Form {
  key: string;
  nameJa: string;
  nameEn: string;
  metricGroup: string | null;
  permissions: string[];
  descriptionJa: string;
  descriptionEn: string;
}

const blank: Form = {
  key: '',
  nameJa: '',
  nameEn: '',
  metricGroup: null,
  permissions: [],
  descriptionJa: '',
  descriptionEn: '',
};

/** Create an agency-specific role, or rename a role and change its permissions. */
export function RoleEditModal({
  role,
  opened,
  onClose,
}: {
  role: Role | null;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { me, refresh } = useAuth();
  const queryClient = useQueryClient();
  const permissionLabel = usePermissionLabel();
  const [form, setForm] = useState<Form>(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!opened) return;
    setError(null);
    setForm(role ? { ...role, permissions: [...role.permissions] } : blank);
  }, [opened, role]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      nameJa: form.nameJa,
      nameEn: form.nameEn,
      metricGroup: form.metricGroup,
      permissions: form.permissions as Permission[],
      descriptionJa: form.descriptionJa,
      descriptionEn: form.descriptionEn,
    };
    try {
      if (role) await api(`/roles/${role.id}`, { method: 'PATCH', body });
      else await api('/roles', { method: 'POST', body: { ...body, key: form.key } });
      await queryClient.invalidateQueries({ queryKey: ROLES_KEY });
      // The user's own permissions may have changed with the role.
      if (role && me?.roles.some((r) => r.roleId === role.id)) await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={role ? t('roles.edit.title') : t('roles.edit.createTitle')}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={error} />
          {!role && (
            <TextInput
              label={t('roles.edit.key')}
              description={t('roles.edit.keyHelp')}
              value={form.key}
              onChange={(e) => set('key', e.currentTarget.value)}
              error={fieldError(error, 'key')}
              required
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('roles.edit.nameJa')}
              value={form.nameJa}
              onChange={(e) => set('nameJa', e.currentTarget.value)}
              error={fieldError(error, 'nameJa')}
              required
            />
            <TextInput
              label={t('roles.edit.nameEn')}
              value={form.nameEn}
              onChange={(e) => set('nameEn', e.currentTarget.value)}
              error={fieldError(error, 'nameEn')}
              required
            />
          </SimpleGrid>
          <Select
            label={t('roles.metricGroup')}
            description={t('roles.edit.metricGroupHelp')}
            data={METRIC_GROUPS.map((g) => ({ value: g, label: t(`roles.group.${g}`) }))}
            value={form.metricGroup}
            onChange={(v) => set('metricGroup', v)}
            clearable
            placeholder={t('roles.group.none')}
          />
          <Checkbox.Group
            label={t('roles.permissions')}
            value={form.permissions}
            onChange={(v) => set('permissions', v)}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {PERMISSIONS.map((p) => (
                <Checkbox key={p} value={p} label={permissionLabel(p)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label={t('roles.edit.descriptionJa')}
            value={form.descriptionJa}
            onChange={(e) => set('descriptionJa', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('roles.edit.descriptionEn')}
            value={form.descriptionEn}
            onChange={(e) => set('descriptionEn', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={!form.nameJa.trim() || !form.nameEn.trim() || (!role && !form.key.trim())}
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
