import { useTranslation } from 'react-i18next';
import { useStore } from '../../lib/store';
import { useCached } from '../../lib/use-load';
import type { ControlProps } from '../../ui/field';
import { consoleSession } from '../session';
import { assigneesCache } from '../technicians/api';
import { assigneeChoices, type Person } from './technician-options';

type TechnicianSelectProps = ControlProps & {
  value: string;
  onChange: (technicianId: string) => void;
  current?: Person | null;
  disabled?: boolean;
};

/** "Unassigned", then the technicians; the signed-in one is marked "(me)". */
export function TechnicianSelect({ value, onChange, current, ...control }: TechnicianSelectProps) {
  const { t } = useTranslation('console');
  const me = useStore(consoleSession);
  const assignees = useCached(assigneesCache);
  const people = me ? assigneeChoices(assignees.data, me, current) : current ? [current] : [];
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('ticket.unassigned')}</option>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.id === me?.id ? t('ticket.me', { name: person.name }) : person.name}
        </option>
      ))}
    </select>
  );
}
