import { open } from 'node:fs/promises';
import path from 'node:path';
import {
  ACTION_TYPES,
  type ActionType,
  type AgentResult,
  AgentResultSchema,
  POWER_ACTIONS,
} from '@atrium/shared';
import { readFileOrNull, STATE_FILES, syncDir, writeFileAtomic } from './state';

/**
 * The command journal makes execution at-most-once: a command is written down (and synced) before
 * it runs, so a redelivered id, even after a crash, is never run again; its result is written down
 * before it is sent, so it survives a restart until the server says it has stored it.
 *
 * journal.jsonl is append-only JSON lines; it holds ids, types and results, never parameters.
 */

export type CommandResult = Omit<AgentResult, 'type' | 'id'>;

export type JournalEntry = {
  id: string;
  type: ActionType;
  startedAt: string;
  bootId: string;
  result: CommandResult | null;
  stored: boolean;
};

type JournalRecord =
  | { id: string; type: ActionType; event: 'started'; at: string; bootId: string }
  | { id: string; event: 'finished'; result: CommandResult }
  | { id: string; event: 'stored' };

export type JournalOptions = {
  /** Rewrite the file once it grows past this many bytes. */
  compactAtBytes?: number;
  /** How many stored commands a rewrite keeps, so that a late redelivery is still recognised. */
  keepStored?: number;
};

const ResultSchema = AgentResultSchema.omit({ type: true, id: true });

export class Journal {
  private readonly entries = new Map<string, JournalEntry>();
  private size = 0;
  private nextCompaction: number;
  private queue: Promise<void> = Promise.resolve();
  /** The commands a previous run left unfinished, now reported as outcome_unknown or restarting. */
  interrupted: Array<{ id: string; type: ActionType }> = [];

  private constructor(
    private readonly file: string,
    private readonly compactAtBytes: number,
    private readonly keepStored: number,
  ) {
    this.nextCompaction = compactAtBytes;
  }

  static async open(stateDir: string, options: JournalOptions = {}): Promise<Journal> {
    const file = path.join(stateDir, STATE_FILES.journal);
    const journal = new Journal(file, options.compactAtBytes ?? 1024 * 1024, options.keepStored ?? 1000);
    const existing = await readFileOrNull(file);
    if (existing === null) {
      // The first append creates the file; its directory entry must be as durable as its lines.
      await (await open(file, 'a', 0o600)).close();
      await syncDir(stateDir);
    }
    await journal.load(existing ?? '');
    await journal.finishInterrupted();
    return journal;
  }

  get(id: string): Readonly<JournalEntry> | undefined {
    return this.entries.get(id);
  }

  start(id: string, type: ActionType, bootId: string): Promise<void> {
    if (this.entries.has(id)) return Promise.reject(new Error(`command ${id} is already in the journal`));
    return this.append([{ id, type, event: 'started', at: new Date().toISOString(), bootId }]);
  }

  finish(id: string, result: CommandResult): Promise<void> {
    return this.append([{ id, event: 'finished', result }]);
  }

  markStored(id: string): Promise<void> {
    return this.append([{ id, event: 'stored' }]);
  }

  /** Finished commands whose result the server has not confirmed. */
  unsent(): Array<{ id: string; result: CommandResult }> {
    return [...this.entries.values()].flatMap((entry) =>
      entry.result && !entry.stored ? [{ id: entry.id, result: entry.result }] : [],
    );
  }

  /** Resolves once every write so far is on disk. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async load(text: string): Promise<void> {
    this.size = Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record) apply(this.entries, record);
    }
    // A crash tore the last line; end it so the next record starts on a line of its own.
    if (text !== '' && !text.endsWith('\n')) await this.serialize(() => this.write('\n'));
  }

  /** Nothing runs before the journal is open: what was started and not finished was interrupted. */
  private async finishInterrupted(): Promise<void> {
    const interrupted = [...this.entries.values()].filter((entry) => !entry.result && !entry.stored);
    if (interrupted.length === 0) return;
    const now = new Date().toISOString();
    await this.append(
      interrupted.map((entry) => ({
        id: entry.id,
        event: 'finished',
        result: interruptedResult(entry, now),
      })),
    );
    this.interrupted = interrupted.map(({ id, type }) => ({ id, type }));
  }

  private append(records: JournalRecord[]): Promise<void> {
    return this.serialize(async () => {
      await this.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      for (const record of records) apply(this.entries, record);
      if (this.size > this.nextCompaction) await this.compact();
    });
  }

  /** One write at a time, in order. */
  private serialize(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Appends and syncs: the caller acts only once the line is on disk. */
  private async write(text: string): Promise<void> {
    const handle = await open(this.file, 'a', 0o600);
    try {
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.size += Buffer.byteLength(text);
  }

  /** Keeps every result not yet stored, and the ids of the newest stored commands. */
  private async compact(): Promise<void> {
    const stored = [...this.entries.values()].filter((entry) => entry.stored);
    for (const entry of stored.slice(0, Math.max(0, stored.length - this.keepStored)))
      this.entries.delete(entry.id);
    const text = [...this.entries.values()]
      .flatMap(recordsOf)
      .map((record) => `${JSON.stringify(record)}\n`)
      .join('');
    await writeFileAtomic(this.file, text, 0o600);
    this.size = Buffer.byteLength(text);
    // A journal full of unsent results stays big: do not rewrite it on every append.
    this.nextCompaction = Math.max(this.compactAtBytes, this.size * 2);
  }
}

/**
 * A power action interrupted by a restart most likely worked: the server compares boot ids. Of
 * anything else, nobody knows how far it got.
 */
function interruptedResult(entry: JournalEntry, finishedAt: string): CommandResult {
  const power = POWER_ACTIONS.includes(entry.type);
  return {
    status: power ? 'restarting' : 'outcome_unknown',
    exitCode: null,
    output: power
      ? 'the agent restarted after issuing this command'
      : 'the agent stopped while this command was running; its outcome is unknown',
    rebootRequired: false,
    finishedAt,
  };
}

function recordsOf(entry: JournalEntry): JournalRecord[] {
  const started: JournalRecord = {
    id: entry.id,
    type: entry.type,
    event: 'started',
    at: entry.startedAt,
    bootId: entry.bootId,
  };
  if (entry.stored) return [started, { id: entry.id, event: 'stored' }];
  return entry.result ? [started, { id: entry.id, event: 'finished', result: entry.result }] : [started];
}

function apply(entries: Map<string, JournalEntry>, record: JournalRecord): void {
  const entry = entries.get(record.id);
  if (record.event === 'started') {
    if (!entry)
      entries.set(record.id, {
        id: record.id,
        type: record.type,
        startedAt: record.at,
        bootId: record.bootId,
        result: null,
        stored: false,
      });
  } else if (entry && record.event === 'finished') entry.result ??= record.result;
  else if (entry && record.event === 'stored') entry.stored = true;
}

/** A line that does not parse (a torn write, a hand edit) is skipped, not fatal. */
function parseRecord(line: string): JournalRecord | null {
  if (!line.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const { id, event } = record;
  if (typeof id !== 'string') return null;
  if (event === 'started') {
    const { type, at, bootId } = record;
    const known = (ACTION_TYPES as readonly unknown[]).includes(type);
    if (!known || typeof at !== 'string' || typeof bootId !== 'string') return null;
    return { id, type: type as ActionType, event, at, bootId };
  }
  if (event === 'finished') {
    const result = ResultSchema.safeParse(record.result);
    return result.success ? { id, event, result: result.data } : null;
  }
  return event === 'stored' ? { id, event } : null;
}
