import type { EnrollmentToken } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { Load } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { LoadState } from '../../ui/load-state';
import { DataTable } from '../../ui/table';
import { enrollmentApi } from './api';

type TokenState = 'active' | 'revoked' | 'expired' | 'usedUp';

function tokenState(token: EnrollmentToken, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (Date.parse(token.expiresAt) <= now) return 'expired';
  return token.uses >= token.maxUses ? 'usedUp' : 'active';
}

/** A customer's enrollment tokens (never the tokens themselves), each revocable while it works. */
export function EnrollmentTokens({ tokens }: { tokens: Load<EnrollmentToken[]> }) {
  const { t } = useTranslation('console');
  return (
    <section className="card stack" aria-labelledby="enrollment-tokens">
      <h2 id="enrollment-tokens">{t('enrollment.tokens')}</h2>
      <p className="muted">{t('enrollment.tokensIntro')}</p>
      <LoadState load={tokens} />
      {tokens.data &&
        (tokens.data.length === 0 ? (
          <p className="muted">{t('enrollment.noTokens')}</p>
        ) : (
          <TokenTable tokens={tokens.data} onRevoked={tokens.reload} />
        ))}
    </section>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: readonly EnrollmentToken[]; onRevoked: () => void }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const when = (iso: string) => format.date(iso, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <DataTable caption={t('enrollment.tokens')}>
      <thead>
        <tr>
          <th scope="col">{t('enrollment.columns.created')}</th>
          <th scope="col">{t('enrollment.columns.uses')}</th>
          <th scope="col">{t('enrollment.columns.expires')}</th>
          <th scope="col">{t('enrollment.columns.state')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => {
          const state = tokenState(token);
          return (
            <tr key={token.id}>
              <td className="cell-date">{when(token.createdAt)}</td>
              <td className="cell-number">
                {t('enrollment.usesOf', {
                  uses: format.number(token.uses),
                  max: format.number(token.maxUses),
                })}
              </td>
              <td>{when(token.expiresAt)}</td>
              <td>
                <div className="cell-state">
                  <span className={`badge ${state === 'active' ? 'tone-success' : 'tone-neutral'}`}>
                    {t(`enrollment.states.${state}`)}
                  </span>
                  {state === 'active' && (
                    <ConfirmButton
                      label={t('enrollment.revoke')}
                      accessibleLabel={t('enrollment.revokeNamed', { created: when(token.createdAt) })}
                      title={t('enrollment.revokeTitle')}
                      danger
                      className="button button-quiet button-small button-danger-quiet"
                      onConfirm={() => enrollmentApi.revoke(token.id)}
                      onDone={onRevoked}
                    >
                      <p>{t('enrollment.revokeBody')}</p>
                    </ConfirmButton>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
