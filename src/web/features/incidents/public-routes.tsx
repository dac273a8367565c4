import { lazy, Suspense } from 'react';
import { LoadingState } from '../../app/ui/States.js';

const PublicReportPage = lazy(() => import('./PublicReportPage.js'));
const AckPage = lazy(() => import('./AckPage.js'));

/** The public reporting point and the contact-drill acknowledgement: no login, outside the shell. */
export function PublicReportRoute() {
  return (
    <Suspense fallback={<LoadingState />}>
      <PublicReportPage />
    </Suspense>
  );
}

export function IncidentAckRoute() {
  return (
    <Suspense fallback={<LoadingState />}>
      <AckPage />
    </Suspense>
  );
}
