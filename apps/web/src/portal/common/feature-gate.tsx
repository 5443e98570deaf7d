import type { PortalMe } from '@atrium/shared';
import type { ReactNode } from 'react';
import { Page } from '../../ui/page';
import { Unavailable } from './load-state';

type FeatureGateProps = {
  me: PortalMe;
  feature: keyof PortalMe['features'];
  /** The page's title, for the tab and the heading when the section is off. */
  title: string;
  children: ReactNode;
};

/**
 * A section that is off for this contact has no menu entry; reached anyway (a bookmark, a link in an
 * email), it says so instead of calling an API that would refuse.
 */
export function FeatureGate({ me, feature, title, children }: FeatureGateProps) {
  if (me.features[feature]) return children;
  return (
    <Page title={title}>
      <Unavailable />
    </Page>
  );
}
