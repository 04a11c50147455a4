// The grammar highlights every measure's builtin, each name and alias, as a
// measure: the list in syntaxes/kl.tmLanguage.json is checked against the
// measures' records (server/src/language/measures/), so a new measure missing
// from it fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURE_LIST } from '../../server/src/language/measures/index';

interface Pattern { match?: string; captures?: Record<string, { name?: string }> }

const grammar = JSON.parse(readFileSync(path.resolve(__dirname, '../../syntaxes/kl.tmLanguage.json'), 'utf8')) as { repository: Record<string, { patterns?: Pattern[] }> };

/** The names in the alternation of the pattern that scopes support.function.measure.kl. */
function highlightedMeasureNames(): Set<string> {
  const pattern = (grammar.repository['function-call'].patterns ?? []).find((p) => p.captures?.['1']?.name === 'support.function.measure.kl');
  const alternation = /\(([^()]*)\)\(\?=/.exec(pattern?.match ?? '')?.[1] ?? '';
  return new Set(alternation.split('|'));
}

describe('the grammar and the measures', () => {
  it('highlights every measure builtin and alias as a measure', () => {
    const highlighted = highlightedMeasureNames();
    const names = MEASURE_LIST.flatMap((measure) => measure.builtins.flatMap((builtin) => [builtin.name, ...(builtin.aliases ?? [])]));
    expect(names.length).toBeGreaterThan(6);
    expect(names.filter((name) => !highlighted.has(name))).toEqual([]);
  });
});
