import { ActionIcon, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconHistory,
  IconKey,
  IconLockOpen,
  IconShieldOff,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, TemporaryPassword } from '../../app/types.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { ACCOUNTS_KEY, accountActions } from './accounts-api.js';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.js';
import { ThrottleDialog } from './ThrottleDialog.js';

type Pending = 'disable' | 'reset' | 'totp' | 'unlock' | null;

/** Per-account actions; each of them (except re-enabling) asks first, and the holder is mailed. */
export function AccountActions({ account }: { account: Account }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending>(null);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);
  const [showing, setShowing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
  const done = async (message: string) => {
    notifications.show({ color: 'green', message });
    await refresh();
  };
  const run = {
    disable: async () => {
      await accountActions.setDisabled(account.id, true);
      await done(t('accounts.done.disabled', { login: account.login }));
    },
    reset: async () => {
      setTemporary(await accountActions.resetPassword(account.id));
      await refresh();
    },
    totp: async () => {
      await accountActions.resetTotp(account.id);
      await done(t('accounts.done.totpReset', { login: account.login }));
    },
    unlock: async () => {
      await accountActions.unlock(account.id);
      await done(t('accounts.done.unlocked', { login: account.login }));
    },
  };
  const enable = async () => {
    try {
      await accountActions.setDisabled(account.id, false);
      await done(t('accounts.done.enabled', { login: account.login }));
    } catch (err) {
      notifications.show({ color: 'red', message: (err as Error).message });
    }
  };
  const confirmText: Record<Exclude<Pending, null>, { title: string; message: string; label: string }> = {
    disable: {
      title: t('accounts.confirm.disableTitle'),
      message: t('accounts.confirm.disable', { login: account.login, name: account.personName }),
      label: t('accounts.action.disable'),
    },
    reset: {
      title: t('accounts.confirm.resetTitle'),
      message: t('accounts.confirm.reset', { login: account.login, name: account.personName }),
      label: t('accounts.action.resetPassword'),
    },
    totp: {
      title: t('accounts.confirm.totpTitle'),
      message: t('accounts.confirm.totp', { login: account.login, name: account.personName }),
      label: t('accounts.action.resetTotp'),
    },
    unlock: {
      title: t('accounts.confirm.unlockTitle'),
      message: t('accounts.confirm.unlock', { login: account.login, name: account.personName }),
      label: t('accounts.action.unlock'),
    },
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={t('accounts.actionsFor', { login: account.login })}>
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {account.disabled ? (
            <Menu.Item leftSection={<IconUserCheck size={16} aria-hidden />} onClick={enable}>
              {t('accounts.action.enable')}
            </Menu.Item>
          ) : (
            <Menu.Item
              color="red"
              leftSection={<IconUserOff size={16} aria-hidden />}
              onClick={() => setPending('disable')}
            >
              {t('accounts.action.disable')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setPending('reset')}>
            {t('accounts.action.resetPassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setShowing(true)}>
            {t('accounts.action.failures')}
          </Menu.Item>
          {account.throttled && (
            <Menu.Item
              leftSection={<IconLockOpen size={16} aria-hidden />}
              onClick={() => setPending('unlock')}
            >
              {t('accounts.action.unlock')}
            </Menu.Item>
          )}
          {account.totpEnabled && (
            <Menu.Item
              leftSection={<IconShieldOff size={16} aria-hidden />}
              onClick={() => setPending('totp')}
            >
              {t('accounts.action.resetTotp')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {pending && (
        <ConfirmDialog
          opened
          onClose={() => setPending(null)}
          title={confirmText[pending].title}
          message={confirmText[pending].message}
          confirmLabel={confirmText[pending].label}
          onConfirm={run[pending]}
        />
      )}
      <TemporaryPasswordModal result={temporary} onClose={() => setTemporary(null)} />
      <ThrottleDialog
        accountId={showing ? account.id : null}
        onClose={() => setShowing(false)}
        onClear={() => {
          setShowing(false);
          setPending('unlock');
        }}
      />
    </>
  );
}
