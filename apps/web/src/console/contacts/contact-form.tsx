import {
  type Contact,
  type ContactCreate,
  ContactCreateSchema,
  LANGUAGES,
  type Language,
} from '@atrium/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { CheckboxField, FormProblemAlert, SelectField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { CustomerSelect } from '../customers/customer-select';

type ContactFormProps = {
  contact?: Contact;
  initialCustomerId?: string;
  submitLabel: string;
  send: (body: ContactCreate) => Promise<unknown>;
  onSaved?: () => void;
  /** Choices of the create form that are not the contact's fields (the welcome email), above its button. */
  children?: ReactNode;
};

/** Create and edit a contact. The portal username defaults to the email address. */
export function ContactForm({
  contact,
  initialCustomerId,
  submitLabel,
  send,
  onSaved,
  children,
}: ContactFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [customerId, setCustomerId] = useState(contact?.customerId ?? initialCustomerId ?? '');
  const [firstName, setFirstName] = useState(contact?.firstName ?? '');
  const [lastName, setLastName] = useState(contact?.lastName ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [jobTitle, setJobTitle] = useState(contact?.jobTitle ?? '');
  const [isPrimary, setIsPrimary] = useState(contact?.isPrimary ?? false);
  const [language, setLanguage] = useState<Language>(contact?.language ?? 'en');
  const [username, setUsername] = useState(contact?.username ?? '');
  const [saved, setSaved] = useState(false);

  const form = useSubmit(
    {
      schema: ContactCreateSchema,
      send,
      onSuccess: () => {
        setSaved(true);
        onSaved?.();
      },
      fieldForCode: { email_taken: 'email', username_taken: 'username' },
    },
    ts,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    void form.submit({
      customerId,
      firstName,
      lastName,
      email,
      phone: phone.trim() || null,
      jobTitle: jobTitle.trim() || null,
      isPrimary,
      language,
      ...(username.trim() ? { username } : {}),
    });
  };

  return (
    <form ref={form.formRef} className="form" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <CustomerSelect
        label={t('contactForm.customer')}
        emptyLabel={t('contactForm.chooseCustomer')}
        value={customerId}
        onChange={setCustomerId}
        error={fieldError(form.errors, 'customerId')}
      />
      <div className="form-grid">
        <TextField
          label={t('contactForm.firstName')}
          value={firstName}
          onChange={(event) => setFirstName(event.target.value)}
          error={fieldError(form.errors, 'firstName')}
          autoComplete="off"
          required
        />
        <TextField
          label={t('contactForm.lastName')}
          value={lastName}
          onChange={(event) => setLastName(event.target.value)}
          error={fieldError(form.errors, 'lastName')}
          autoComplete="off"
          required
        />
      </div>
      <TextField
        label={t('contactForm.email')}
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldError(form.errors, 'email')}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <div className="form-grid">
        <TextField
          label={t('contactForm.phone')}
          type="tel"
          hint={t(`contactForm.${phoneHint(contact, phone)}`)}
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          error={fieldError(form.errors, 'phone')}
        />
        <TextField
          label={t('contactForm.jobTitle')}
          value={jobTitle}
          onChange={(event) => setJobTitle(event.target.value)}
          error={fieldError(form.errors, 'jobTitle')}
        />
      </div>
      <div className="form-grid">
        <SelectField
          label={t('contactForm.language')}
          options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
          error={fieldError(form.errors, 'language')}
        />
        <TextField
          label={t('contactForm.username')}
          hint={t('contactForm.usernameHint')}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={fieldError(form.errors, 'username')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
      <CheckboxField
        label={t('contactForm.isPrimary')}
        hint={t('contactForm.isPrimaryHint')}
        checked={isPrimary}
        onChange={(event) => setIsPrimary(event.target.checked)}
      />
      {children}
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {submitLabel}
        </button>
        <span role="status" className="form-status">
          {saved && contact ? t('contactForm.saved') : ''}
        </span>
      </div>
    </form>
  );
}

/**
 * What the number is good for now (SPEC §5): codes go only to a number the contact confirmed, and a
 * number typed here waits for them to confirm it in the portal.
 */
function phoneHint(contact: Contact | undefined, typed: string) {
  if (!contact?.phone) return 'phoneHint';
  if (typed.trim() !== contact.phone) return contact.phoneVerified ? 'phoneChanged' : 'phoneHint';
  return contact.phoneVerified ? 'phoneConfirmed' : 'phoneUnconfirmed';
}
