import { Tabs } from '@mantine/core';
import { IconSettings, IconShieldCheck, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { AccountsTab } from './AccountsTab.js';
import { AgencySettingsTab } from './AgencySettingsTab.js';
import { RolesTab } from './RolesTab.js';

/** Users and roles: login accounts (account.manage) and the role catalog. */
export default function AdminPage() {
  const { t } = useTranslation('admin');
  const canAccounts = useCan('account.manage');
  const canSettings = useCan('org.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (canAccounts ? 'accounts' : 'roles');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {canAccounts && (
            <Tabs.Tab value="accounts" leftSection={<IconUsers size={16} aria-hidden />}>
              {t('tabs.accounts')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="roles" leftSection={<IconShieldCheck size={16} aria-hidden />}>
            {t('tabs.roles')}
          </Tabs.Tab>
          {canSettings && (
            <Tabs.Tab value="settings" leftSection={<IconSettings size={16} aria-hidden />}>
              {t('tabs.settings')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        {canAccounts && (
          <Tabs.Panel value="accounts">
            <AccountsTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="roles">
          <RolesTab />
        </Tabs.Panel>
        {canSettings && (
          <Tabs.Panel value="settings">
            <AgencySettingsTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
