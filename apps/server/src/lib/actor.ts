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
};

export type Actor = TechnicianActor | ContactActor;
