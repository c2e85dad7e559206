import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, lockTimeoutMs, OutputLocks } from '../../src/app/output-lock';
import { OpsError } from '../../src/core/ops-error';
import { tempDir } from '../support/files';

function request(dir: string, base = 'dist') {
  return { lockFile: path.join(dir, `.${base}.opskit-lock`), field: 'outdir', folder: path.join(dir, base) };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function errorOf(run: () => unknown): OpsError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected an OpsError');
}

describe('OutputLocks', () => {
  test('the lock file names the holder while held and is gone after release', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    // WHEN
    const locks = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    const holder = JSON.parse(fs.readFileSync(request(dir).lockFile, 'utf8'));
    locks.release();
    // THEN
    expect(holder).toEqual({ pid: process.pid, host: os.hostname(), token: expect.stringMatching(/^[0-9a-f]{16}$/), processStart: expect.stringMatching(/^\d+$/) });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('fails when a live synth holds the lock past the timeout, naming the holder, the folder and what to do', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    const first = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    const waits: string[] = [];
    // WHEN
    const error = errorOf(() => OutputLocks.acquire([request(dir)], { timeoutMs: 120, pollMs: 10, onWait: (h, r) => waits.push(`${h?.pid} ${r.folder}`) }));
    first.release();
    // THEN
    expect(error.message).toBe(`outdir is being written by another synth (pid ${process.pid} on ${os.hostname()}), which still held ${request(dir).lockFile} after 0.12 s, `
      + `got ${JSON.stringify(path.join(dir, 'dist'))} — wait for it to finish, or raise OPSKIT_LOCK_TIMEOUT (seconds); if no synth is running, remove ${request(dir).lockFile}\n    at path [<root>]`);
    expect(waits).toEqual([`${process.pid} ${path.join(dir, 'dist')}`]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('the waiting message is printed once on standard error by default', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    const first = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    // WHEN
    try {
      errorOf(() => OutputLocks.acquire([request(dir)], { timeoutMs: 100, pollMs: 10 }));
    } finally {
      spy.mockRestore();
      first.release();
    }
    // THEN
    expect(written).toEqual([`opskit: waiting for another synth (pid ${process.pid} on ${os.hostname()}) to finish writing ${path.join(dir, 'dist')} `
      + `(lock ${request(dir).lockFile}; waiting up to 0.1 s, set OPSKIT_LOCK_TIMEOUT to change)\n`]);
  });

  test.each([
    ['a process of this host that has ended', () => ({ pid: deadPid(), host: os.hostname(), token: 'aaaaaaaaaaaaaaaa' })],
    ['an earlier process with this process\'s pid (containers reuse pids)', () => ({ pid: process.pid, host: os.hostname(), token: 'bbbbbbbbbbbbbbbb' })],
    ['a live process that started after the holder (its pid was reused)', () => ({ pid: process.pid === 1 ? 2 : 1, host: os.hostname(), token: 'cccccccccccccccc', processStart: '0' })],
  ])('takes over a stale lock of %s', (_name, holder) => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    fs.writeFileSync(request(dir).lockFile, JSON.stringify(holder()));
    // WHEN
    const locks = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    // THEN
    expect(JSON.parse(fs.readFileSync(request(dir).lockFile, 'utf8')).pid).toBe(process.pid);
    locks.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('waits for a lock of another host (its process cannot be checked), then names the host', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    fs.writeFileSync(request(dir).lockFile, JSON.stringify({ pid: deadPid(), host: 'build-agent-7', token: 'dddddddddddddddd' }));
    // WHEN
    const error = errorOf(() => OutputLocks.acquire([request(dir)], { timeoutMs: 0, onWait: () => undefined }));
    // THEN
    expect(error.message).toMatch(/^outdir is being written by another synth \(pid \d+ on build-agent-7\)/);
  });

  test('a lock left by a program that exited without releasing it is taken over', () => {
    // GIVEN a lock written by a child process that then ended
    const dir = tempDir('opskit-lock-');
    const child = spawnSync(process.execPath, ['-e', `
      const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(request(dir).lockFile)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), token: 'eeeeeeeeeeeeeeee' }));
      process.stdout.write('held');
    `], { encoding: 'utf8' });
    expect(child.stdout).toBe('held');
    // WHEN the child has ended (its lock is stale), the lock is taken
    const locks = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    // THEN
    expect(locks.holds(request(dir).lockFile)).toBe(true);
    locks.release();
  });

  test('several locks are taken in a fixed order, and all released when one cannot be taken', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    const other = OutputLocks.acquire([request(dir, 'dist')], { timeoutMs: 0 });
    // WHEN
    errorOf(() => OutputLocks.acquire([request(dir, 'dist'), request(dir, 'cdktf.out')], { timeoutMs: 0, onWait: () => undefined }));
    // THEN cdktf.out sorts first and was taken, then given back
    expect(fs.readdirSync(dir)).toEqual(['.dist.opskit-lock']);
    other.release();
  });

  test('fails when its lock was taken over by another process', () => {
    // GIVEN
    const dir = tempDir('opskit-lock-');
    const locks = OutputLocks.acquire([request(dir)], { timeoutMs: 0 });
    // WHEN another process wrongly judged it stale and replaced it
    fs.rmSync(request(dir).lockFile);
    fs.writeFileSync(request(dir).lockFile, JSON.stringify({ pid: 1, host: os.hostname(), token: 'ffffffffffffffff' }));
    // THEN
    expect(errorOf(() => locks.assertHeld()).message).toMatch(/^outdir must stay locked while opskit writes it, but another process took the lock over, got ".*\.dist\.opskit-lock" — make sure every synth into this folder runs on this host, then synth again/);
    // WHEN released, the other process's lock stays
    locks.release();
    expect(fs.existsSync(request(dir).lockFile)).toBe(true);
  });
});

describe('lockTimeoutMs', () => {
  test.each([
    [undefined, DEFAULT_LOCK_TIMEOUT_SECONDS * 1000],
    ['', DEFAULT_LOCK_TIMEOUT_SECONDS * 1000],
    ['0', 0],
    ['2.5', 2500],
    ['300', 300_000],
  ])('OPSKIT_LOCK_TIMEOUT=%j waits %d ms', (value, ms) => {
    expect(lockTimeoutMs({ OPSKIT_LOCK_TIMEOUT: value })).toBe(ms);
  });

  test.each(['-1', 'ten', '1e3', 'Infinity'])('fails when OPSKIT_LOCK_TIMEOUT is %j, naming the variable and the fix', (value) => {
    expect(errorOf(() => lockTimeoutMs({ OPSKIT_LOCK_TIMEOUT: value })).message)
      .toBe(`OPSKIT_LOCK_TIMEOUT must be a number of seconds (0 or more), got ${JSON.stringify(value)} — unset it to wait up to 120 s, or use e.g. 300\n    at path [<root>]`);
  });
});
