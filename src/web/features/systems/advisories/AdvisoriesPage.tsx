import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useAdvisories, useCreateAdvisory, useImportCsaf } from './api.js';

const PAGE = 50;

/** Advisories of the agency, newest first, with CSAF import and entry by form (system.manage). */
export default function AdvisoriesPage() {
  const { t } = useTranslation('advisories');
  const canManage = useCan('system.manage');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useAdvisories({ q, page, pageSize: PAGE });
  const importer = useImportCsaf();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          canManage && (
            <Group>
              <FileButton
                accept="application/json,.json"
                onChange={(f) =>
                  f && importer.mutate(f, { onSuccess: (a) => navigate(`/systems/advisories/${a.id}`) })
                }
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="light"
                    loading={importer.isPending}
                    leftSection={<IconUpload size={16} aria-hidden />}
                  >
                    {t('list.import')}
                  </Button>
                )}
              </FileButton>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('list.new')}
              </Button>
            </Group>
          )
        }
      />
      <ProblemAlert error={importer.error} />
      <TextInput
        mb="md"
        leftSection={<IconSearch size={16} aria-hidden />}
        placeholder={t('list.search')}
        aria-label={t('list.search')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        w={{ base: '100%', sm: 320 }}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data || list.data.items.length === 0 ? (
        <EmptyMessage title={t('list.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={680}>
            <Table striped verticalSpacing="sm" data-testid="advisories-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.advisory')}</Table.Th>
                  <Table.Th>{t('col.cvss')}</Table.Th>
                  <Table.Th>{t('col.published')}</Table.Th>
                  <Table.Th ta="right">{t('col.affected')}</Table.Th>
                  <Table.Th ta="right">{t('col.open')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/systems/advisories/${a.id}`} fw={600}>
                        {a.trackingId}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {a.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <CvssBadge score={a.cvssScore} />
                    </Table.Td>
                    <Table.Td>{a.published ?? '—'}</Table.Td>
                    <Table.Td ta="right">{a.affectedSystems}</Table.Td>
                    <Table.Td ta="right">{a.openResponses}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={list.data.total} page={page} pageSize={PAGE} onChange={setPage} />
        </>
      )}
      {creating && <AdvisoryForm onClose={() => setCreating(false)} />}
    </>
  );
}

export function CvssBadge({ score }: { score: number | null }) {
  if (score === null) return <Text c="dimmed">—</Text>;
  const color = score >= 9 ? 'red' : score >= 7 ? 'orange' : score >= 4 ? 'yellow' : 'gray';
  return <Badge color={color}>{score.toFixed(1)}</Badge>;
}

/** Entry by form: one affected product with a CPE or vendor/product and a vers: range. */
function AdvisoryForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('advisories');
  const create = useCreateAdvisory();
  const navigate = useNavigate();
  const [f, setF] = useState({
    trackingId: '',
    title: '',
    cvssVector: '',
    vendor: '',
    product: '',
    cpe: '',
    vers: '',
  });
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [k]: e.currentTarget.value });
  const submit = () =>
    create.mutate(
      {
        trackingId: f.trackingId,
        title: f.title,
        cvssVector: f.cvssVector || null,
        products: [
          {
            vendor: f.vendor,
            product: f.product,
            cpe: f.cpe || null,
            ranges: f.vers ? [{ type: 'vers', vers: f.vers }] : [],
          },
        ],
      },
      { onSuccess: (a) => navigate(`/systems/advisories/${a.id}`) },
    );
  return (
    <Modal opened onClose={onClose} title={t('form.title')} size="lg">
      <Stack>
        <TextInput label={t('form.trackingId')} required value={f.trackingId} onChange={set('trackingId')} />
        <TextInput label={t('form.titleField')} required value={f.title} onChange={set('title')} />
        <TextInput
          label={t('form.cvssVector')}
          placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
          value={f.cvssVector}
          onChange={set('cvssVector')}
        />
        <Group grow>
          <TextInput label={t('form.vendor')} value={f.vendor} onChange={set('vendor')} />
          <TextInput label={t('form.product')} value={f.product} onChange={set('product')} />
        </Group>
        <TextInput
          label={t('form.cpe')}
          placeholder="cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*"
          value={f.cpe}
          onChange={set('cpe')}
        />
        <TextInput
          label={t('form.vers')}
          description={t('form.versHelp')}
          placeholder="vers:generic/>=2.4.0|<2.4.50"
          value={f.vers}
          onChange={set('vers')}
        />
        <ProblemAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('answer.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={submit}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
