import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { type Claims, type Role, session } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { Loading } from './components/common';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { AppLayout } from './layout/AppLayout';

const IntakePage = lazy(() => import('./pages/intake/IntakePage'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage'));
const OrderPage = lazy(() => import('./pages/orders/OrderPage'));
const CommandCentrePage = lazy(() => import('./pages/centre/CommandCentrePage'));
const AnalysisPage = lazy(() => import('./pages/analysis/AnalysisPage'));
const WhistlesPage = lazy(() => import('./pages/whistles/WhistlesPage'));
const WhistlePage = lazy(() => import('./pages/whistles/WhistlePage'));
const LedgersPage = lazy(() => import('./pages/ledgers/LedgersPage'));

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  operator: '/intake',
  unit: '/inbox',
  supervisor: '/centre',
  auditor: '/analysis',
};

function useClaims(): [Claims | null, string | undefined] {
  const [state, setState] = useState<[Claims | null, string | undefined]>(() => [
    session.claims(),
    undefined,
  ]);
  useEffect(() => session.subscribe((notice) => setState([session.claims(), notice])), []);
  return state;
}

export function App() {
  const [claims, notice] = useClaims();
  const location = useLocation();
  if (!claims) {
    if (location.pathname !== '/signin') return <Navigate to="/signin" replace />;
    return <SignInPage notice={notice} />;
  }
  const can = (...roles: Role[]) => roles.includes(claims.role);
  return (
    <AppLayout claims={claims}>
      <PageErrorBoundary key={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to={HOME[claims.role]} replace />} />
            <Route path="/signin" element={<Navigate to={HOME[claims.role]} replace />} />
            {can('operator', 'supervisor') && <Route path="/intake" element={<IntakePage />} />}
            {can('unit') && <Route path="/inbox" element={<InboxPage claims={claims} />} />}
            <Route path="/orders/:orderId" element={<OrderPage claims={claims} />} />
            {can('supervisor', 'auditor', 'operator') && (
              <Route path="/centre" element={<CommandCentrePage claims={claims} />} />
            )}
            <Route path="/analysis" element={<AnalysisPage claims={claims} />} />
            {can('unit', 'supervisor', 'auditor') && (
              <Route path="/ledgers" element={<LedgersPage claims={claims} />} />
            )}
            <Route path="/whistles" element={<WhistlesPage claims={claims} />} />
            <Route path="/whistles/:whistleId" element={<WhistlePage claims={claims} />} />
            <Route path="*" element={<Navigate to={HOME[claims.role]} replace />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </AppLayout>
  );
}
