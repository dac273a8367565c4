import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import {
  AL,
  type AlertInput,
  type AlertKind,
  type CentralAlertDetail,
  KINDS,
  useAgencyChoices,
  useCentralAlert,
} from './api.js';
import { ProductsEditor } from './ProductsEditor.js';
import { type ProductRow, productsOf, rowsOf } from './products.js';

interface Form {
  kind: AlertKind;
  titleJa: string;
  titleEn: string;
  body: string;
  rows: ProductRow[];
  reportRequested: boolean;
  reportDueOn: string;
  toAll: boolean;
  agencyIds: string[];
}

const EMPTY: Form = {
  kind: 'suspicious_mail',
  titleJa: '',
  titleEn: '',
  body: '',
  rows: [],
  reportRequested: false,
  reportDueOn: '',
  toAll: true,
  agencyIds: [],
};

/** A new alert or the revision of a draft (001 L447-462): only drafts are edited. */
export default function CentralAlertFormPage() {
  const { t } = useTranslation('alerts');
  const { id } = useParams();
  const source = useCentralAlert(id);
  const agencies = useAgencyChoices();
  const localName = useLocalName();
  const [form, setForm] = useState<Form>(EMPTY);
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    const x = source.data;
    if (!x) return;
    setForm({
      kind: x.kind,
      titleJa: x.titleJa,
      titleEn: x.titleEn ?? '',
      body: x.body,
      rows: rowsOf(x.products),
      reportRequested: x.reportRequested,
      reportDueOn: x.reportDueOn ?? '',
      toAll: x.agencyIds === null,
      agencyIds: x.agencyIds ?? [],
    });
  }, [source.data]);
  const save = useMutation({
    mutationFn: () => {
      const body: AlertInput = {
        kind: form.kind,
        titleJa: form.titleJa,
        titleEn: form.titleEn.trim() || null,
        body: form.body,
        products: productsOf(form.rows),
        reportRequested: form.reportRequested,
        reportDueOn: form.reportRequested ? form.reportDueOn || null : null,
        agencyIds: form.toAll ? null : form.agencyIds,
      };
      return id
        ? api<CentralAlertDetail>(`/central/alerts/${id}`, { method: 'PUT', body })
        : api<CentralAlertDetail>('/central/alerts', { method: 'POST', body });
    },
    onSuccess: async (x) => {
      await qc.invalidateQueries({ queryKey: [AL, 'central'] });
      navigate(`/central/alerts/${x.id}`);
    },
  });
  if (id && source.isPending) return <LoadingState />;
  if (id && source.error) return <ProblemAlert error={source.error} />;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: 'titleJa' | 'titleEn' | 'body' | 'reportDueOn') => ({
    value: form[k],
    error: fieldError(save.error, k),
    onChange: (e: { currentTarget: { value: string } }) => set(k, e.currentTarget.value),
  });
  return (
    <>
      <PageHeader title={id ? t('central.edit') : t('central.new')} description={t('form.help')} />
      <Paper withBorder p="md" maw={960}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <Select
              label={t('field.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={form.kind}
              onChange={(v) => v && set('kind', v as AlertKind)}
              allowDeselect={false}
              w={240}
            />
            <TextInput label={t('field.titleJa')} required {...text('titleJa')} />
            <TextInput label={t('field.titleEn')} {...text('titleEn')} />
            <Textarea
              label={t('field.body')}
              description={t('form.bodyHelp')}
              required
              autosize
              minRows={6}
              {...text('body')}
            />
            <ProductsEditor rows={form.rows} onChange={(rows) => set('rows', rows)} />
            <Group align="flex-end">
              <Checkbox
                label={t('field.reportRequested')}
                checked={form.reportRequested}
                onChange={(e) => set('reportRequested', e.currentTarget.checked)}
              />
              {form.reportRequested && (
                <TextInput type="date" label={t('field.reportDueOn')} required {...text('reportDueOn')} />
              )}
            </Group>
            <Radio.Group
              label={t('field.agencies')}
              value={form.toAll ? 'all' : 'chosen'}
              onChange={(v) => set('toAll', v === 'all')}
            >
              <Group mt="xs">
                <Radio value="all" label={t('form.allAgencies')} />
                <Radio value="chosen" label={t('form.chosenAgencies')} />
              </Group>
            </Radio.Group>
            {!form.toAll && (
              <MultiSelect
                label={t('form.chooseAgencies')}
                searchable
                required
                data={(agencies.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.code} ${localName(a)}`,
                }))}
                value={form.agencyIds}
                onChange={(v) => set('agencyIds', v)}
                error={fieldError(save.error, 'agencyIds')}
              />
            )}
            <ProblemAlert error={agencies.error} />
            <ProblemAlert error={save.error} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => navigate(id ? `/central/alerts/${id}` : '/central/alerts')}
              >
                {t('form.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('form.saveDraft')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
