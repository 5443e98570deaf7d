import type { Technician } from '@atrium/shared';
import { Navigate } from 'react-router';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/load-state';
import { canAdminister } from '../sections';
import { setupApi } from './api';

/**
 * What the console opens on: the first-run checklist for admins until one of them dismisses it,
 * the ticket queue otherwise (and if the checklist cannot be loaded: it must never stand in the way).
 */
export function Landing({ technician }: { technician: Technician }) {
  const isAdmin = canAdminister(technician);
  const setup = useLoad('setup', (signal) => setupApi.get(signal), !isAdmin);
  if (isAdmin && !setup.error && setup.data === undefined) return <LoadState load={setup} />;
  return <Navigate to={isAdmin && setup.data?.dismissed === false ? '/setup' : '/tickets'} replace />;
}
