import type { ApiToken } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ConfirmButton } from '../../ui/confirm-button';
import { DataTable } from '../../ui/table';

type TokenTableProps = {
  caption: string;
  tokens: readonly ApiToken[];
  revoke: (id: string) => Promise<void>;
  onRevoked: () => void;
};

/** API tokens with their expiry and last use, each revocable: your own, or any technician's for admins. */
export function TokenTable({ caption, tokens, revoke, onRevoked }: TokenTableProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const when = (iso: string) => format.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const expiry = (iso: string | null) => {
    if (!iso) return t('account.noExpiry');
    return new Date(iso).getTime() <= Date.now() ? `${when(iso)} (${t('account.expired')})` : when(iso);
  };
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('account.columns.name')}</th>
          <th scope="col">{t('account.columns.created')}</th>
          <th scope="col">{t('account.columns.expires')}</th>
          <th scope="col">{t('account.columns.lastUsed')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('account.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td className="cell-date">{when(token.createdAt)}</td>
            <td className="cell-date">{expiry(token.expiresAt)}</td>
            <td className="cell-date">{token.lastUsedAt ? when(token.lastUsedAt) : t('account.never')}</td>
            <td className="cell-actions">
              <ConfirmButton
                label={t('account.revoke')}
                accessibleLabel={t('account.revokeNamed', { name: token.name })}
                title={t('account.revokeTitle', { name: token.name })}
                danger
                className="button button-quiet button-small button-danger-quiet"
                onConfirm={() => revoke(token.id)}
                onDone={onRevoked}
              >
                <p>{t('account.revokeBody')}</p>
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
