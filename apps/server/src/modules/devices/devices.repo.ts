import type { ActionState, ActionType } from '@atrium/shared';
import {
  and,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import {
  agentSigningKeys,
  auditLog,
  contacts,
  customers,
  deviceActions,
  devices,
  enrollmentTokens,
} from '../../db/schema';
import { insertFrom } from '../../lib/insert-from';
import { containsPattern } from '../../lib/sql-text';
import { type AuditEntry, auditActor } from '../audit/audit.repo';
import { releaseHeldSms } from '../sms/sms.repo';

export type EnrollmentTokenRow = typeof enrollmentTokens.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;
export type ActionRow = typeof deviceActions.$inferSelect;
export type SigningKeyRow = typeof agentSigningKeys.$inferSelect;

// ---- Enrollment tokens ----------------------------------------------------------------------

export async function insertEnrollmentToken(
  db: Db,
  values: typeof enrollmentTokens.$inferInsert,
): Promise<EnrollmentTokenRow> {
  const [row] = await db.insert(enrollmentTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listEnrollmentTokens(db: Db, customerId?: string): Promise<EnrollmentTokenRow[]> {
  return db
    .select()
    .from(enrollmentTokens)
    .where(customerId ? eq(enrollmentTokens.customerId, customerId) : undefined)
    .orderBy(desc(enrollmentTokens.createdAt), desc(enrollmentTokens.id))
    .limit(200);
}

export async function revokeEnrollmentToken(db: Db, id: string): Promise<EnrollmentTokenRow | undefined> {
  const [row] = await db
    .update(enrollmentTokens)
    .set({ revokedAt: sql`coalesce(${enrollmentTokens.revokedAt}, now())` })
    .where(eq(enrollmentTokens.id, id))
    .returning();
  return row;
}

/**
 * Takes one use of a token that is still good, in one statement: parallel enrollments with a
 * one-use token cannot both get through.
 */
export async function useEnrollmentToken(db: Db, tokenHash: string) {
  const [row] = await db
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + 1` })
    .where(
      and(
        eq(enrollmentTokens.tokenHash, tokenHash),
        isNull(enrollmentTokens.revokedAt),
        gt(enrollmentTokens.expiresAt, sql`now()`),
        lt(enrollmentTokens.uses, enrollmentTokens.maxUses),
      ),
    )
    .returning({ id: enrollmentTokens.id, customerId: enrollmentTokens.customerId });
  return row;
}

// ---- Devices --------------------------------------------------------------------------------

export async function insertDevice(db: Db, values: typeof devices.$inferInsert): Promise<DeviceRow> {
  const [row] = await db.insert(devices).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findDeviceRow(db: Db, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.id, id)).limit(1);
  return row;
}

/** A connection said hello: the device is online, with what it reports about itself. */
export async function recordHello(
  db: Db,
  id: string,
  values: Pick<
    typeof devices.$inferInsert,
    | 'hostname'
    | 'os'
    | 'osVersion'
    | 'agentVersion'
    | 'bootId'
    | 'lastBootAt'
    | 'loggedInUser'
    | 'ips'
    | 'connectionId'
  >,
): Promise<void> {
  await db
    .update(devices)
    .set({ ...values, online: true, lastSeenAt: sql`now()` })
    .where(eq(devices.id, id));
}

/** Heartbeats of many devices in one statement. */
export async function touchDevices(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // One array parameter: thousands of agents beat between two sweeps.
  await db
    .update(devices)
    .set({ lastSeenAt: sql`now()`, online: true })
    .where(sql`${devices.id} = any(${sql.param(ids)}::uuid[])`);
}

/** Offline, unless a newer connection of the device has said hello since. */
export async function markOffline(db: Db, id: string, connectionId: string): Promise<void> {
  await db
    .update(devices)
    .set({ online: false })
    .where(and(eq(devices.id, id), eq(devices.connectionId, connectionId)));
}

/** Devices whose heartbeats stopped without a close (their server process died): offline. */
export async function markSilentOffline(db: Db, silentSeconds: number): Promise<void> {
  await db
    .update(devices)
    .set({ online: false })
    .where(
      and(
        eq(devices.online, true),
        lt(devices.lastSeenAt, sql`now() - make_interval(secs => ${silentSeconds})`),
      ),
    );
}

/** Forgets a device: its key opens no connection any more; its actions go with it (not their audit rows). */
export async function deleteDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.delete(devices).where(eq(devices.id, id)).returning();
  return row;
}

/** Which of these devices still exist. */
export async function existingDeviceIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: devices.id })
    .from(devices)
    .where(sql`${devices.id} = any(${sql.param(ids)}::uuid[])`);
  return new Set(rows.map((row) => row.id));
}

export async function updateDeviceContact(db: Db, id: string, contactId: string | null): Promise<void> {
  await db.update(devices).set({ contactId }).where(eq(devices.id, id));
}

const deviceView = {
  ...getTableColumns(devices),
  customerName: customers.name,
  contactName: sql<string | null>`${contacts.firstName} || ' ' || ${contacts.lastName}`,
};

function selectDeviceViews(db: Db) {
  return db
    .select(deviceView)
    .from(devices)
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(contacts, eq(contacts.id, devices.contactId));
}

export type DeviceView = Awaited<ReturnType<typeof findDeviceView>> & {};

export async function findDeviceView(db: Db, id: string) {
  const [row] = await selectDeviceViews(db).where(eq(devices.id, id)).limit(1);
  return row;
}

/** The devices assigned to this contact: the only ones their portal shows or acts on. */
export async function listContactDevices(db: Db, contactId: string): Promise<DeviceRow[]> {
  return db.select().from(devices).where(eq(devices.contactId, contactId)).orderBy(devices.hostname);
}

export async function findContactDevice(
  db: Db,
  contactId: string,
  deviceId: string,
): Promise<DeviceRow | undefined> {
  const [row] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.contactId, contactId)))
    .limit(1);
  return row;
}

/** An action on one of this contact's devices (whoever asked for it). */
export async function findContactAction(
  db: Db,
  contactId: string,
  actionId: string,
): Promise<ActionRow | undefined> {
  const [row] = await db
    .select(getTableColumns(deviceActions))
    .from(deviceActions)
    .innerJoin(devices, eq(devices.id, deviceActions.deviceId))
    .where(and(eq(deviceActions.id, actionId), eq(devices.contactId, contactId)))
    .limit(1);
  return row;
}

export type DeviceFilter = {
  customerId?: string;
  contactId?: string;
  online?: boolean;
  q?: string;
};

export async function listDeviceViews(
  db: Db,
  filter: DeviceFilter,
  page: { page: number; pageSize: number },
) {
  const where = and(
    filter.customerId ? eq(devices.customerId, filter.customerId) : undefined,
    filter.contactId ? eq(devices.contactId, filter.contactId) : undefined,
    filter.online === undefined ? undefined : eq(devices.online, filter.online),
    filter.q ? ilike(devices.hostname, containsPattern(filter.q)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    selectDeviceViews(db)
      .where(where)
      .orderBy(customers.name, devices.hostname, devices.id)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(devices).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

// ---- Actions --------------------------------------------------------------------------------

export type QueuedAction = {
  values: typeof deviceActions.$inferInsert & { id: string };
  actor: AuditEntry['actor'];
};

/**
 * New actions with their audit rows, in one statement, so they land together or not at all: each
 * `queued` row names its own requester. An action inserted as `sent` (its device is connected to this
 * process, which hands it over at once) is audited as both states it took, queued by its requester
 * and sent by the system. With `skipConflicts`, one that would be a second in flight of its type, or
 * repeats an Idempotency-Key, is left out instead of failing the statement.
 */
async function insertActions(
  db: Db,
  queued: QueuedAction[],
  { skipConflicts, notify }: { skipConflicts: boolean; notify: SQL | undefined },
): Promise<ActionRow[]> {
  const insert = db.insert(deviceActions).values(queued.map((entry) => entry.values));
  const inserted = db
    .$with('inserted')
    .as((skipConflicts ? insert.onConflictDoNothing() : insert).returning());
  const requesters = JSON.stringify(
    queued.map(({ values, actor }) => {
      const { actorType, actorId, ip } = auditActor(actor);
      return { id: values.id, actor_type: actorType, actor_id: actorId, ip };
    }),
  );
  const described = {
    targetType: 'device_action',
    targetId: sql`${inserted.id}::text`,
  };
  const audit = db.$with('audit', {}).as(
    insertFrom(
      auditLog,
      sql`${inserted} join jsonb_to_recordset(${requesters}::jsonb)
        as requester(id uuid, actor_type text, actor_id uuid, ip inet) on requester.id = ${inserted.id}`,
      {
        actorType: sql`requester.actor_type`,
        actorId: sql`requester.actor_id`,
        ip: sql`requester.ip`,
        action: sql`'device_action.' || case when ${inserted.state} = 'sent' then 'queued' else ${inserted.state} end`,
        ...described,
        details: sql`jsonb_build_object('deviceId', ${inserted.deviceId}, 'type', ${inserted.type})`,
      },
    ),
  );
  const sentAudit = db.$with('sent_audit', {}).as(
    insertFrom(auditLog, sql`${inserted} where ${inserted.state} = 'sent'`, {
      // Written after the queued row, which has the statement's time: the log lists them in order
      // (on PostgreSQL; the embedded database's clock counts milliseconds).
      at: sql`clock_timestamp()`,
      ...auditActor({ kind: 'system' }),
      action: 'device_action.sent',
      ...described,
      details: sql`jsonb_build_object('deviceId', ${inserted.deviceId}, 'type', ${inserted.type}, 'from', 'queued')`,
    }),
  );
  if (!notify) return db.with(inserted, audit, sentAudit).select().from(inserted);
  // Read, so that it runs: a select in a WITH runs only when read (its one row always exists).
  const notified = db.$with('notified', {}).as(sql`select count(*) from (${notify}) as notification`);
  return db
    .with(inserted, audit, sentAudit, notified)
    .select()
    .from(inserted)
    .where(sql`exists (select from ${notified})`);
}

/**
 * A new action with its audit row; a conflict (in flight already, a repeated key) is an error.
 * `notify` (`ActionAnnouncer.notifyWith`) tells the other server processes when it commits.
 */
export async function queueAction(
  db: Db,
  values: QueuedAction['values'],
  actor: AuditEntry['actor'],
  notify?: SQL,
): Promise<ActionRow> {
  const [row] = await insertActions(db, [{ values, actor }], { skipConflicts: false, notify });
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Many requests' actions in one statement. One that conflicts is left out (the caller asks
 * `queueAction` why); a device that does not exist fails the whole statement.
 */
export function queueActions(db: Db, queued: QueuedAction[], notify: SQL): Promise<ActionRow[]> {
  return insertActions(db, queued, { skipConflicts: true, notify });
}

export async function findActionByIdempotencyKey(db: Db, deviceId: string, key: string) {
  const [row] = await db
    .select()
    .from(deviceActions)
    .where(and(eq(deviceActions.deviceId, deviceId), eq(deviceActions.idempotencyKey, key)))
    .limit(1);
  return row;
}

export async function findAction(db: Db, id: string): Promise<ActionRow | undefined> {
  const [row] = await db.select().from(deviceActions).where(eq(deviceActions.id, id)).limit(1);
  return row;
}

export async function listActions(
  db: Db,
  filter: { deviceId?: string; state?: ActionState },
  page: { page: number; pageSize: number },
) {
  const where = and(
    filter.deviceId ? eq(deviceActions.deviceId, filter.deviceId) : undefined,
    filter.state ? eq(deviceActions.state, filter.state) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(deviceActions)
      .where(where)
      .orderBy(desc(deviceActions.createdAt), desc(deviceActions.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(deviceActions).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The latest `perDevice` actions of each of these devices, newest first, in one statement. */
export async function recentActionsOf(db: Db, deviceIds: string[], perDevice: number): Promise<ActionRow[]> {
  if (deviceIds.length === 0) return [];
  const ranked = db
    .select({
      ...getTableColumns(deviceActions),
      rank: sql<number>`row_number() over (partition by ${deviceActions.deviceId} order by ${deviceActions.createdAt} desc, ${deviceActions.id} desc)`.as(
        'rank',
      ),
    })
    .from(deviceActions)
    .where(inArray(deviceActions.deviceId, deviceIds))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, perDevice))
    .orderBy(desc(ranked.createdAt), desc(ranked.id));
  return rows.map(({ rank: _rank, ...row }) => row);
}

/** Which of these devices have actions waiting to go out. */
export async function pendingDevicesAmong(db: Db, deviceIds: string[]): Promise<string[]> {
  if (deviceIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ deviceId: deviceActions.deviceId })
    .from(deviceActions)
    .where(
      and(
        // One array parameter, however many devices are connected.
        sql`${deviceActions.deviceId} = any(${sql.param(deviceIds)}::uuid[])`,
        eq(deviceActions.state, 'queued'),
        gt(deviceActions.expiresAt, sql`now()`),
      ),
    );
  return rows.map((row) => row.deviceId);
}

type ActionChange = {
  [K in 'sentAt' | 'bootIdAtSend' | 'finishedAt' | 'exitCode' | 'output' | 'error' | 'rebootRequired']?:
    | (typeof deviceActions.$inferInsert)[K]
    | SQL;
};

/** For an action's `bootIdAtSend`: its device's boot id as the last hello gave it. */
export const bootIdOfDevice = sql`(select ${devices.bootId} from ${devices} where ${devices.id} = ${deviceActions.deviceId})`;

/**
 * Moves every action `which` selects to `to`, with an audit row per action naming the state it
 * left, in one statement: the rows are locked first, so two processes never both move the same
 * action, and the audit rows land with the change. Returns the moved rows.
 */
export async function transitionActions(
  db: Db,
  which: SQL | undefined,
  to: ActionState,
  change: ActionChange,
  actor: AuditEntry['actor'],
): Promise<ActionRow[]> {
  const locked = db.$with('locked').as(
    db
      .select({
        lockedId: sql<string>`${deviceActions.id}`.as('locked_id'),
        prev: sql<ActionState>`${deviceActions.state}`.as('prev'),
      })
      .from(deviceActions)
      .where(which)
      .for('update'),
  );
  const moved = db.$with('moved').as(
    db
      .update(deviceActions)
      .set({ ...change, state: to, updatedAt: sql`now()` })
      .from(locked)
      .where(eq(deviceActions.id, locked.lockedId))
      .returning({ ...getTableColumns(deviceActions), prev: sql<ActionState>`${locked.prev}`.as('prev') }),
  );

  const audit = db.$with('audit', {}).as(
    insertFrom(auditLog, sql`${moved} where ${moved.prev} <> ${to}`, {
      ...auditActor(actor),
      action: `device_action.${to}`,
      targetType: 'device_action',
      targetId: sql`${moved.id}::text`,
      details: sql`jsonb_build_object('deviceId', ${moved.deviceId}, 'type', ${moved.type}, 'from', ${moved.prev})`,
    }),
  );
  const rows = await db.with(locked, moved, audit).select().from(moved);
  return rows.map(({ prev: _prev, ...row }) => row);
}

/** One move of an action an agent reported: to `to`, only from one of the `from` states. */
type ReportedStep = { to: ActionState; from: readonly ActionState[] };

/** What an agent reported about one of its actions, as the state it moves the action to. */
export type AgentReport = ReportedStep & {
  deviceId: string;
  id: string;
  /**
   * The reports of the same moment this one follows (an ack, then a running notice), in order: the
   * action moves through them all in one change, each audited, as far as their `from` states allow.
   */
  after?: ReportedStep[];
  exitCode?: number | null;
  output?: string;
  error?: string;
  rebootRequired?: boolean;
  finishedAt?: Date;
};

/**
 * Agents' reports (acks, running, results), many devices at once, in one statement: each moves its
 * action only from the states it allows and only for the device that sent it, keeps what it does
 * not say (an ack carries no output), and writes an audit row per state it moves through with the
 * device as the actor. A report that follows others (`after`) starts at the first of them the
 * action's state allows, each following one taking the state the one before left. One report per
 * action: the caller sends the others after. A success lets go the text held for it (a temporary
 * password) in the same statement.
 */
export async function applyAgentReports(db: Db, reports: AgentReport[]): Promise<void> {
  if (reports.length === 0) return;
  const rows = reports.map((report) => ({
    device_id: report.deviceId,
    id: report.id,
    to_state: report.to,
    steps: [...(report.after ?? []), { to: report.to, from: report.from }],
    exit_code: report.exitCode ?? null,
    has_exit_code: report.exitCode !== undefined,
    output: report.output ?? null,
    error: report.error ?? null,
    reboot_required: report.rebootRequired ?? null,
    finished_at: report.finishedAt?.toISOString() ?? null,
  }));
  await db.execute(sql`
    with r as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        device_id uuid, id uuid, to_state text, steps jsonb, exit_code integer,
        has_exit_code boolean, output text, error text, reboot_required boolean, finished_at timestamptz)
    ), step as (
      select r.id, s.ord, s.step->>'to' as to_state,
        lag(s.step->>'to') over (partition by r.id order by s.ord) as before_state
      from r cross join lateral jsonb_array_elements(r.steps) with ordinality as s(step, ord)
    ), locked as (
      select a.id as locked_id, a.state as prev, first.ord as first_step
      from ${deviceActions} a
      join r on r.id = a.id and r.device_id = a.device_id
      cross join lateral (
        select min(s.ord) as ord from jsonb_array_elements(r.steps) with ordinality as s(step, ord)
        where s.step->'from' ? a.state
      ) as first
      where first.ord is not null
      for update of a
    ), moved as (
      update ${deviceActions} a set
        state = r.to_state,
        exit_code = case when r.has_exit_code then r.exit_code else a.exit_code end,
        output = coalesce(r.output, a.output),
        error = coalesce(r.error, a.error),
        reboot_required = coalesce(r.reboot_required, a.reboot_required),
        finished_at = coalesce(r.finished_at, a.finished_at),
        updated_at = now()
      from locked join r on r.id = locked.locked_id
      where a.id = locked.locked_id
      returning a.id, a.device_id, a.type, a.state, locked.prev, locked.first_step
    ), released as (
      ${releaseHeldSms(sql`select id from moved where state = 'succeeded'`)}
    ), audited as (
      select moved.id, moved.device_id, moved.type, step.ord, step.to_state,
        case when step.ord = moved.first_step then moved.prev else step.before_state end as from_state
      from moved join step on step.id = moved.id and step.ord >= moved.first_step
    )
    insert into ${auditLog} (at, actor_type, actor_id, action, target_type, target_id, details)
    -- A later step's row is written later: on PostgreSQL the log lists an action's states in their
    -- order (the embedded database's clock counts milliseconds: states within one of them tie).
    select clock_timestamp(), 'agent', device_id, 'device_action.' || to_state, 'device_action', id::text,
      jsonb_build_object('deviceId', device_id, 'type', type, 'from', from_state)
    from (select * from audited where from_state <> to_state order by id, ord) as ordered`);
}

export const actionWhere = {
  /** One action of the device, in one of `states`. */
  of: (deviceId: string, id: string, states: readonly ActionState[]) =>
    and(
      eq(deviceActions.id, id),
      eq(deviceActions.deviceId, deviceId),
      inArray(deviceActions.state, [...states]),
    ),
  /** What devices that are connected should receive: new commands and ones they may not have got. */
  toDeliver: (deviceIds: string[]) =>
    and(
      sql`${deviceActions.deviceId} = any(${sql.param(deviceIds)}::uuid[])`,
      inArray(deviceActions.state, ['queued', 'sent']),
      gt(deviceActions.expiresAt, sql`now()`),
    ),
  /** Power actions waiting for their device to come back with another boot id. */
  restartedSince: (deviceId: string, bootId: string) =>
    and(
      eq(deviceActions.deviceId, deviceId),
      inArray(deviceActions.type, ['reboot', 'shutdown']),
      inArray(deviceActions.state, ['sent', 'acknowledged', 'running']),
      sql`${deviceActions.bootIdAtSend} is distinct from ${bootId}`,
      sql`${deviceActions.bootIdAtSend} is not null`,
    ),
  /** Not delivered before their deadline: a laptop must not reboot days later. */
  undelivered: () =>
    and(
      inArray(deviceActions.state, ['awaiting_verification', 'queued', 'sent']),
      lt(deviceActions.expiresAt, sql`now()`),
    ),
  /** Taken by the agent but never reported back within its type's time (the server's wait, past the agent's own). */
  overdue: (seconds: Record<ActionType, number>) =>
    and(
      inArray(deviceActions.state, ['acknowledged', 'running']),
      sql`${deviceActions.updatedAt} < now() - make_interval(secs => case ${deviceActions.type} ${sql.join(
        Object.entries(seconds).map(([type, limit]) => sql`when ${type} then ${limit}::int`),
        sql` `,
      )} end)`,
    ),
};

// ---- Signing keys ---------------------------------------------------------------------------

/** Every key, retired ones too, oldest first: keys are never deleted, so their count only grows. */
export async function listSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return db.select().from(agentSigningKeys).orderBy(agentSigningKeys.createdAt, agentSigningKeys.id);
}

export async function insertSigningKey(
  db: Db,
  values: PgInsertValue<typeof agentSigningKeys>,
): Promise<void> {
  await db.insert(agentSigningKeys).values(values).onConflictDoNothing();
}

/**
 * Until the transaction ends, no other one changes the keys (a concurrent rotation waits here, then
 * reads what this one committed); reading them, to sign, is not blocked.
 */
export async function lockSigningKeys(tx: Db): Promise<void> {
  await tx.execute(sql`lock table ${agentSigningKeys} in share row exclusive mode`);
}

export async function retireSigningKey(tx: Db, id: string): Promise<void> {
  await tx.update(agentSigningKeys).set({ retiredAt: sql`now()` }).where(eq(agentSigningKeys.id, id));
}
