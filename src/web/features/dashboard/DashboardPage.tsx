import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth.js';
import { dashboardCards } from '../../app/modules.js';
import { shownTo } from '../../app/policy.js';
import { PageHeader } from '../../app/ui/PageHeader.js';

/** The home page: the cards every module registers (registry.ts), those the user may see. */
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const me = useMe();
  const { me: session } = useAuth();
  const cards = dashboardCards.filter((c) => shownTo(session, c));
  return (
    <>
      <PageHeader title={t('title')} description={t('welcome', { name: me.person.name })} />
      <Grid>
        {cards.map((card) => (
          <Grid.Col key={card.id} span={{ base: 12, md: card.span ?? 6 }}>
            <card.component />
          </Grid.Col>
        ))}
      </Grid>
    </>
  );
}
