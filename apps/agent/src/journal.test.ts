import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CommandResult, Journal } from './journal';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'atrium-journal-'));
const result = (output = 'ok'): CommandResult => ({
  status: 'succeeded',
  exitCode: 0,
  output,
  rebootRequired: false,
  finishedAt: new Date().toISOString(),
});

describe('journal', () => {
  it('writes each event as a synced JSON line, without parameters', async () => {
    const dir = await tempDir();
    const journal = await Journal.open(dir);
    const id = randomUUID();
    await journal.start(id, 'lock', 'boot-1');
    await journal.finish(id, result());
    await journal.markStored(id);
    const lines = (await readFile(path.join(dir, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.event)).toEqual(['started', 'finished', 'stored']);
    expect(lines[0]).toEqual({
      id,
      type: 'lock',
      event: 'started',
      at: expect.any(String),
      bootId: 'boot-1',
    });
    expect((await stat(path.join(dir, 'journal.jsonl'))).mode & 0o777).toBe(0o600);
  });

  it('reports a command interrupted by a restart as outcome_unknown, a power action as restarting', async () => {
    const dir = await tempDir();
    const [lock, reboot] = [randomUUID(), randomUUID()];
    const before = await Journal.open(dir);
    await before.start(lock, 'lock', 'boot-1');
    await before.start(reboot, 'reboot', 'boot-1');

    const after = await Journal.open(dir);
    expect(after.interrupted).toEqual([
      { id: lock, type: 'lock' },
      { id: reboot, type: 'reboot' },
    ]);
    expect(after.get(lock)?.result).toMatchObject({ status: 'outcome_unknown', exitCode: null });
    expect(after.get(reboot)?.result).toMatchObject({ status: 'restarting' });
    expect(after.unsent().map((entry) => entry.id)).toEqual([lock, reboot]);

    // The conversion is itself journaled: a third start finds nothing interrupted.
    expect((await Journal.open(dir)).interrupted).toEqual([]);
  });

  it('never starts an id twice, across a reopen too', async () => {
    const dir = await tempDir();
    const id = randomUUID();
    const journal = await Journal.open(dir);
    await journal.start(id, 'install_software', 'boot-1');
    await expect(journal.start(id, 'install_software', 'boot-1')).rejects.toThrow('already in the journal');
    const reopened = await Journal.open(dir);
    expect(reopened.get(id)).toBeDefined();
    await expect(reopened.start(id, 'install_software', 'boot-1')).rejects.toThrow('already in the journal');
  });

  it('keeps results until the server has stored them', async () => {
    const dir = await tempDir();
    const [a, b] = [randomUUID(), randomUUID()];
    const journal = await Journal.open(dir);
    for (const id of [a, b]) {
      await journal.start(id, 'lock', 'boot-1');
      await journal.finish(id, result(`output of ${id}`));
    }
    await journal.markStored(a);
    const reopened = await Journal.open(dir);
    expect(reopened.unsent()).toEqual([
      { id: b, result: expect.objectContaining({ output: `output of ${b}` }) },
    ]);
  });

  it('skips a torn last line and carries on after it', async () => {
    const dir = await tempDir();
    const id = randomUUID();
    const journal = await Journal.open(dir);
    await journal.start(id, 'lock', 'boot-1');
    await appendFile(path.join(dir, 'journal.jsonl'), '{"id":"torn","event":"sta');
    const reopened = await Journal.open(dir);
    expect(reopened.interrupted).toEqual([{ id, type: 'lock' }]);
    expect((await Journal.open(dir)).get(id)?.result?.status).toBe('outcome_unknown');
  });

  it('compacts past its size limit, keeping unstored results and the newest stored ids', async () => {
    const dir = await tempDir();
    const journal = await Journal.open(dir, { compactAtBytes: 4096, keepStored: 3 });
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const unstored = ids.slice(0, 2);
    for (const id of ids) {
      await journal.start(id, 'lock', 'boot-1');
      await journal.finish(id, result('x'.repeat(200)));
      if (!unstored.includes(id)) await journal.markStored(id);
    }
    const text = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');
    expect(text).not.toContain(ids[2]);
    expect(text.length).toBeLessThan(12 * 500);

    const reopened = await Journal.open(dir);
    expect(reopened.unsent().map((entry) => entry.id)).toEqual(unstored);
    // The dedupe window: the newest stored ids are still known, the oldest are forgotten.
    for (const id of ids.slice(-3)) expect(reopened.get(id)?.stored).toBe(true);
    expect(reopened.get(ids[2] as string)).toBeUndefined();
    expect(reopened.interrupted).toEqual([]);
  });

  it('ignores lines it does not understand', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'journal.jsonl'),
      'not json\n{"id":1}\n{"id":"x","event":"started","type":"dance"}\n',
    );
    const journal = await Journal.open(dir);
    expect(journal.unsent()).toEqual([]);
    expect(journal.get('x')).toBeUndefined();
  });
});
