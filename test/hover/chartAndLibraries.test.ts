// What a measure's hover shows, in the order a hover box of VS Code's height
// keeps in sight: the libraries' lines before the chart; and a chart where a
// distribution keeps its colour whichever argument of KL it is.
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { analysisOf } from '../engine/evaluate';

const DOCUMENT = 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\nKL(Q || P)\nH(P, Q)\n';

function hoverOn(line: string): string {
  const analysis = analysisOf(DOCUMENT);
  const found = hover(analysis, DOCUMENT.indexOf(`\n${line}\n`) + 2);
  return (found?.contents as MarkupContent).value;
}

/** The legend of the hover's chart: each name with the colour of its swatch. */
function legend(markdown: string): Record<string, string> {
  const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(markdown)![1], 'base64').toString('utf8');
  return Object.fromEntries([...svg.matchAll(/<rect x="[\d.]+" y="3" width="9" height="9" fill="([^"]+)"\/><text x="[\d.]+" y="11">([^<]+)<\/text>/g)].map(([, colour, name]) => [name, colour]));
}

describe("a measure's hover", () => {
  it.each(['KL(P || Q)', 'H(P, Q)'])('%s: the scipy and torch lines come before the chart', (line) => {
    const markdown = hoverOn(line);
    const chart = markdown.indexOf('![');
    expect(chart).toBeGreaterThan(0);
    expect(markdown.indexOf('in scipy:')).toBeGreaterThan(0);
    expect(markdown.indexOf('in scipy:')).toBeLessThan(chart);
    expect(markdown.indexOf('in torch:')).toBeLessThan(chart);
  });

  it('draws P in one colour and Q in another, whichever argument each is', () => {
    const forward = legend(hoverOn('KL(P || Q)'));
    const backward = legend(hoverOn('KL(Q || P)'));
    expect(Object.keys(forward)).toEqual(['P', 'Q']);
    expect(Object.keys(backward)).toEqual(['Q', 'P']);
    expect(forward.P).not.toBe(forward.Q);
    expect(backward).toEqual({ Q: forward.Q, P: forward.P });
  });
});
