// Measures of loaded data against mpmath references at 50 digits
// (test/fixtures/make_load_fixtures.py writes the files and cases.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { nodeFileSystem } from '../../server/src/language/load/nodeFileHosts';

const FOLDER = join(__dirname, '../fixtures/load');
const { cases } = JSON.parse(readFileSync(join(FOLDER, 'cases.json'), 'utf8')) as { cases: { name: string; document: string; expected: string; unit: string }[] };

describe('measures of loaded files agree with mpmath to 1e-12 relative', () => {
  it.each(cases)('$name', ({ document, expected, unit }) => {
    const analysis = analyze(document, 'kl', {
      defaultUnits: 'nats',
      limits: { maxElements: 10_000_000 },
      files: { documentPath: join(FOLDER, 'case.kl'), workspaceRoot: FOLDER, trusted: true, maxFileBytes: 1 << 20, fileSystem: nodeFileSystem },
    });
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const value = analysis.statements.at(-1)?.result.value;
    expect(value).toMatchObject({ kind: 'number', unit });
    const actual = (value as { value: number }).value;
    const reference = Number(expected);
    expect(Math.abs(actual - reference) / Math.abs(reference)).toBeLessThan(1e-12);
  });
});
