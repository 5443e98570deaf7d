import type { TechnicianRole } from '@atrium/shared';

/** Who is asking. Services take it first and check their policy before anything else. */
export type TechnicianActor = {
  kind: 'technician';
  id: string;
  role: TechnicianRole;
  name: string;
  email: string;
  ip: string;
  /** An API token is a script (tickets it opens have source `api`); a session is a person at the console. */
  via: 'session' | 'token';
};

export type ContactActor = {
  kind: 'contact';
  id: string;
  /** Null for an unassigned contact: they reach Atrium by mail only (the portal refuses them sign-in). */
  customerId: string | null;
  isPrimary: boolean;
  name: string;
  ip: string;
  /**
   * When the customer's tickets last changed, read with the session of a portal request (null: no
   * tickets yet). Portal lists are cached under it, so a write from any process makes a new key.
   */
  ticketsChangedAt?: string | null;
};

export type Actor = TechnicianActor | ContactActor;
