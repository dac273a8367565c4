import { lazy, Suspense } from 'react';
import { LoadingState } from '../../../app/ui/States.js';

const LandingPage = lazy(() => import('./LandingPage.js'));

/**
 * The page a drill recipient reaches from the lure: public (no login, outside the signed-in shell) and
 * loaded on its own, so the app's pages are not fetched for it.
 */
export function DrillLandingRoute() {
  return (
    <Suspense fallback={<LoadingState />}>
      <LandingPage />
    </Suspense>
  );
}
