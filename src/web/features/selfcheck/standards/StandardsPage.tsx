import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { CatalogsPanel } from './CatalogsPanel.js';
import { PoliciesPanel } from './PoliciesPanel.js';

/** The requirement catalogs (versioned, shipped summary or imported official text) and the agency's policies. */
export default function StandardsPage() {
  const { t } = useTranslation('selfcheck');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'catalogs' ? 'catalogs' : 'policies';
  return (
    <>
      <PageHeader title={t('standards.title')} description={t('standards.description')} />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'catalogs' ? { tab: 'catalogs' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="policies">{t('standards.policies')}</Tabs.Tab>
          <Tabs.Tab value="catalogs">{t('standards.catalogs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="policies">
          <PoliciesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="catalogs">
          <CatalogsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
