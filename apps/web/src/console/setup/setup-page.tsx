import type { SetupChecklist, SetupItem } from '@atrium/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { portalSettingsApi } from '../portal-settings/api';
import { setupApi } from './api';

/** Where each item is done; SMTP is the server's environment, so mail links to where it waits meanwhile. */
const ITEM_PAGES: Record<SetupItem, string> = {
  mspName: '/admin/portal',
  logo: '/admin/portal',
  displayName: '/account',
  portalCustomers: '/admin/portal',
  mailDelivery: '/outbox',
};

/**
 * The first-run checklist (issue 14): what a new MSP sets up before Atrium writes to their
 * customers. The server computes every item from what is configured; nothing is ticked by hand.
 */
export function SetupPage() {
  const { t } = useTranslation('console');
  const setup = useLoad('setup', (signal) => setupApi.get(signal));
  const [problem, setProblem] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const progressId = useId();

  const change = async (send: () => Promise<unknown>) => {
    if (isPending) return;
    setIsPending(true);
    setProblem(null);
    try {
      await send();
      setup.setData(await setupApi.get());
    } catch (error) {
      setProblem(errorCode(error));
    } finally {
      setIsPending(false);
    }
  };

  const checklist = setup.data;
  const done = checklist?.items.filter((item) => item.done).length ?? 0;
  return (
    <Page title={t('setup.title')}>
      <LoadState load={setup} />
      {checklist && (
        <div className="stack">
          <p>{t('setup.intro')}</p>
          <div className="setup-progress">
            <p id={progressId}>{t('setup.progress', { done, total: checklist.items.length })}</p>
            <progress value={done} max={checklist.items.length} aria-labelledby={progressId} />
          </div>
          {problem && <ErrorAlert code={problem} />}
          <ol className="setup-items">
            {checklist.items.map((item) => (
              <SetupItemCard
                key={item.id}
                item={item}
                isPending={isPending}
                keepEveryCustomer={() =>
                  change(() => portalSettingsApi.update({ features: { ticketing: { customers: 'all' } } }))
                }
              />
            ))}
          </ol>
          <DismissSection
            checklist={checklist}
            isPending={isPending}
            dismiss={() => change(setupApi.dismiss)}
            reopen={() => change(setupApi.reopen)}
          />
        </div>
      )}
    </Page>
  );
}

type SetupItemCardProps = {
  item: SetupChecklist['items'][number];
  isPending: boolean;
  keepEveryCustomer: () => void;
};

function SetupItemCard({ item, isPending, keepEveryCustomer }: SetupItemCardProps) {
  const { t } = useTranslation('console');
  const state = item.done ? 'done' : 'todo';
  return (
    <li className={`card stack setup-item setup-item-${state}`}>
      <div className="setup-item-heading">
        <h2>{t(`setup.items.${item.id}.title`)}</h2>
        <span className={`badge setup-badge-${state}`}>{t(`setup.${state}`)}</span>
      </div>
      <p>{t(`setup.items.${item.id}.${state}`)}</p>
      <div className="actions">
        <Link to={ITEM_PAGES[item.id]}>{t(`setup.items.${item.id}.link`)}</Link>
        {item.id === 'portalCustomers' && !item.done && (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-busy={isPending}
            onClick={keepEveryCustomer}
          >
            {t('setup.keepEveryCustomer')}
          </button>
        )}
      </div>
    </li>
  );
}

type DismissSectionProps = {
  checklist: SetupChecklist;
  isPending: boolean;
  dismiss: () => void;
  reopen: () => void;
};

/** Dismissing hides the checklist from the landing page for every admin; the account page brings it back. */
function DismissSection({ checklist, isPending, dismiss, reopen }: DismissSectionProps) {
  const { t } = useTranslation('console');
  return (
    <div className="actions">
      {checklist.dismissed ? (
        <>
          <button type="button" className="button button-quiet" aria-busy={isPending} onClick={reopen}>
            {t('setup.undoDismiss')}
          </button>
          <Link to="/tickets">{t('setup.toTickets')}</Link>
        </>
      ) : (
        <button type="button" className="button button-quiet" aria-busy={isPending} onClick={dismiss}>
          {t('setup.dismiss')}
        </button>
      )}
      <span role="status" className="form-status">
        {checklist.dismissed ? t('setup.dismissed') : ''}
      </span>
    </div>
  );
}
