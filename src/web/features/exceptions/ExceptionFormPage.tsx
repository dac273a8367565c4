import { Button, Group, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EX, type SecurityException, useException } from './api.js';

const EMPTY = {
  clause: '',
  catalogItemId: '',
  reason: '',
  scopePeople: '',
  scopeSystems: '',
  scopeInformation: '',
  fromOn: '',
  toOn: '',
  measures: '',
};
type Form = typeof EMPTY;

/** A new request, a renewal (?renews=id) or the requester's revision of a pending or returned one. */
export default function ExceptionFormPage() {
  const { t } = useTranslation('exceptions');
  const { id } = useParams();
  const [params] = useSearchParams();
  const renews = params.get('renews');
  const source = useException(id ?? renews ?? undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    const x = source.data;
    if (!x) return;
    setForm({
      clause: x.clause,
      catalogItemId: x.catalogItemId ?? '',
      reason: x.reason,
      scopePeople: x.scopePeople,
      scopeSystems: x.scopeSystems,
      scopeInformation: x.scopeInformation,
      fromOn: renews ? '' : x.fromOn,
      toOn: renews ? '' : x.toOn,
      measures: x.measures,
    });
  }, [source.data, renews]);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...form,
        catalogItemId: form.catalogItemId || null,
        ...(renews ? { renewsId: renews } : {}),
      };
      return id
        ? api<SecurityException>(`/exceptions/${id}`, { method: 'PUT', body })
        : api<SecurityException>('/exceptions', { method: 'POST', body });
    },
    onSuccess: async (x) => {
      await qc.invalidateQueries({ queryKey: [EX] });
      navigate(`/exceptions/${x.id}`);
    },
  });
  const field = (k: keyof Form) => ({
    value: form[k],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      // Functional update: two quick changes must not overwrite each other with a stale form.
      setForm((f) => ({ ...f, [k]: value }));
    },
  });
  return (
    <>
      <PageHeader title={id ? t('edit') : renews ? t('renew') : t('new')} description={t('formHelp')} />
      <Paper withBorder p="md" maw={800}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <TextInput label={t('field.clause')} required {...field('clause')} />
            <TextInput label={t('field.catalogItemId')} {...field('catalogItemId')} />
            <Textarea label={t('field.reason')} required autosize minRows={3} {...field('reason')} />
            <Textarea label={t('field.scopePeople')} autosize {...field('scopePeople')} />
            <Textarea label={t('field.scopeSystems')} autosize {...field('scopeSystems')} />
            <Textarea label={t('field.scopeInformation')} autosize {...field('scopeInformation')} />
            <Group grow>
              <TextInput type="date" label={t('field.fromOn')} required {...field('fromOn')} />
              <TextInput type="date" label={t('field.toOn')} required {...field('toOn')} />
            </Group>
            <Textarea label={t('field.measures')} required autosize minRows={3} {...field('measures')} />
            <ProblemAlert error={save.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {id ? t('save') : t('submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
