// `kl-lens eval` on a note that loads a long vector: the text shows its first
// entries and how many more there are; --json has every entry.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { float64Bytes, npyBytes, workspace } from './workspace';

const CLI = join(__dirname, '../../server/out/cli.js');
const space = workspace();
const values = Array.from({ length: 2000 }, () => 1 / 2000);
space.write('uniform.npy', npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2000,), }", float64Bytes(values)));
const note = space.write('note.kl', 'P = load("uniform.npy")\nunits bits\nH(P)\n');

describe('kl-lens eval on a loaded vector', () => {
  it('prints the first 8 entries and the count of the others', () => {
    const output = execFileSync(process.execPath, [CLI, 'eval', '--no-color', note], { encoding: 'utf8' });
    expect(output).toContain(`= [${Array(8).fill('0.0005').join(', ')}, … 1992 more]`);
    expect(output).toMatch(/H\(P\) += 10\.965784284662087 bits/);
  });

  it('--json holds every entry', () => {
    const report = JSON.parse(execFileSync(process.execPath, [CLI, 'eval', '--json', note], { encoding: 'utf8' })) as { files: { statements: { value: unknown }[] }[] };
    expect(report.files[0].statements[0].value).toEqual(values);
  });
});
