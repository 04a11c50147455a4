// A user keeps a note open while a training run rewrites its output files:
// a file is read once per version, and the note follows every new version,
// re-evaluating only the statements that depend on the changed file.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesLoaded } from '../../server/src/language/load/loadStamp';
import { countingFileSystem, workspace } from './workspace';

const NOTE = [
  'P = load("teacher.json")',
  'Q = load("student.json")',
  'R = [0.5, 0.5]',
  'KL(P || Q)',
  'H(P)',
  'H(R)',
].join('\n');

describe('a file is read once per version', () => {
  it('two documents loading the same file read it once; a new analysis stats it but does not read it', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const fileSystem = countingFileSystem();
    const first = space.analyze(NOTE, { host: { fileSystem } });
    space.analyze(NOTE.replace('H(R)', 'H(R) + 1'), { host: { fileSystem, documentPath: join(space.root, 'other.kl') } });
    space.analyze(NOTE, { host: { fileSystem } });
    space.analyze(NOTE, { host: { fileSystem }, previous: first });
    expect(fileSystem.reads).toEqual([join(space.root, 'teacher.json'), join(space.root, 'student.json')]);
  });

  it('a rewritten file is read again', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const fileSystem = countingFileSystem();
    space.analyze(NOTE, { host: { fileSystem } });
    space.write('student.json', '[0.75, 0.25]');
    const after = space.analyze(NOTE, { host: { fileSystem } });
    expect(fileSystem.reads.filter((path) => path.endsWith('student.json'))).toHaveLength(2);
    expect(after.statements[1].result.value).toEqual({ kind: 'vector', data: Float64Array.of(0.75, 0.25) });
  });
});

describe('the note follows the files it loads', () => {
  it('when student.json changes, Q and KL(P || Q) are evaluated again; P, R, H(P) and H(R) are reused', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const before = space.analyze(NOTE);
    const klBefore = before.statements[3].result.value;
    space.write('student.json', '[0.125, 0.875]');
    const after = space.analyze(NOTE, { previous: before });

    const reused = after.statements.map((statement, i) => statement.result === before.statements[i].result);
    expect(reused).toEqual([true, false, true, false, true, true]);
    expect(after.statements[3].result.value).not.toEqual(klBefore);
    const written = space.analyze('KL([0.5, 0.5] || [0.125, 0.875])').statements[0].result.value;
    expect(after.statements[3].result.value).toEqual(written);
  });

  it('an edit elsewhere in the note still notices a file that changed since the last analysis', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const before = space.analyze(NOTE);
    space.write('student.json', '[0.125, 0.875]');
    const after = space.analyze(NOTE.replace('H(R)', 'H(R) + 0'), { previous: before });
    expect(after.statements[1].result.value).toEqual({ kind: 'vector', data: Float64Array.of(0.125, 0.875) });
    expect(after.statements[3].result.value).toEqual(space.analyze('KL([0.5, 0.5] || [0.125, 0.875])').statements[0].result.value);
    expect(after.statements[2]).toBe(before.statements[2]);
    expect(after.statements[4]).toBe(before.statements[4]);
  });

  it('a file rewritten with the same size is noticed by its modification time', () => {
    const space = workspace();
    const path = space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const before = space.analyze(NOTE);
    space.write('teacher.json', '[0.6, 0.4]');
    utimesSync(path, new Date(2001, 0, 1), new Date(2001, 0, 1));
    const after = space.analyze(NOTE, { previous: before });
    expect(after.statements[0].result.value).toEqual({ kind: 'vector', data: Float64Array.of(0.6, 0.4) });
  });

  it('a file that appears after the note was opened is picked up', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    const before = space.analyze(NOTE);
    expect(before.diagnostics.map((d) => d.code)).toEqual(['load-error', 'input-error']);
    space.write('student.json', '[0.25, 0.75]');
    const after = space.analyze(NOTE, { previous: before });
    expect(after.diagnostics).toEqual([]);
    expect(after.statements[3].result.value).toMatchObject({ kind: 'number', unit: 'nats' });
  });

  it('trusting the workspace turns load() on without editing the note', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    space.write('student.json', '[0.25, 0.75]');
    const untrusted = space.analyze(NOTE, { host: { trusted: false } });
    expect(untrusted.diagnostics.map((d) => d.code)).toEqual(['untrusted', 'untrusted', 'input-error', 'input-error', 'input-error']);
    const trusted = space.analyze(NOTE, { previous: untrusted });
    expect(trusted.diagnostics).toEqual([]);
    expect(trusted.statements[5].result).toBe(untrusted.statements[5].result);
  });

  it('the server can ask which files a note loads, to watch them', () => {
    const space = workspace();
    space.write('teacher.json', '[0.5, 0.5]');
    expect(filesLoaded(space.analyze(NOTE))).toEqual([join(space.root, 'teacher.json'), join(space.root, 'student.json')]);
    expect(filesLoaded(space.analyze('H([1])'))).toEqual([]);
  });
});
