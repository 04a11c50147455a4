// The layers point one way (docs/architecture.md): no module of the server or
// the client imports, through any chain of imports (`import type` included),
// a module that imports it back.
import { describe, expect, it } from 'vitest';
import { elementaryCycles, importGraphOf, shortestCycles, stronglyConnectedComponents, type ImportGraph } from './importGraph';

const graph = importGraphOf(['server/src', 'client/src']);

describe('the import graph of server/src and client/src', () => {
  it('is read: every module is in it, with the imports it writes', () => {
    expect(graph.get('server/src/language/evaluator.ts')).toContain('server/src/language/builtins.ts');
    expect(graph.get('server/src/notes/documentAnalysis.ts')).toEqual(['server/src/language/analysis.ts', 'server/src/latex/noteMath.ts', 'server/src/notes/proseValues.ts']);
    expect(graph.get('client/src/klServer.ts')).toContain('server/src/lsp/klProtocol.ts');
    // `import type` is an edge too.
    expect(graph.get('server/src/latex/noteMath.ts')).toContain('server/src/language/analysis.ts');
  });

  it('has no cycle', () => {
    const cycles = elementaryCycles(graph).map((cycle) => cycle.join(' → '));
    const shortest = shortestCycles(graph).map((cycle) => cycle.join(' → '));
    expect(cycles, `${cycles.length}${cycles.length >= 200 ? " or more" : ""} import cycle(s); the shortest through each module:\n${shortest.join('\n')}\n`).toEqual([]);
  });
});

describe('the cycle finder', () => {
  const small: ImportGraph = new Map([
    ['a', ['b']],
    ['b', ['c', 'a']],
    ['c', ['a']],
    ['d', ['d', 'a']],
    ['e', ['a']],
  ]);

  it('finds each cycle once, from its smallest module', () => {
    expect(elementaryCycles(small)).toEqual([['a', 'b', 'c', 'a'], ['a', 'b', 'a'], ['d', 'd']]);
  });

  it('gives the shortest cycle through each module once', () => {
    expect(shortestCycles(small)).toEqual([['d', 'd'], ['a', 'b', 'a'], ['a', 'b', 'c', 'a']]);
  });

  it('groups the modules that reach each other', () => {
    expect(stronglyConnectedComponents(small)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
