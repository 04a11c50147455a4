// Where a note's math is: the formulas a Markdown renderer shows as math, and
// nothing inside code or prices.
import { describe, expect, it } from 'vitest';
import { findMathRegions } from '../../server/src/latex/mathRegions';

function formulas(text: string): string[] {
  return findMathRegions(text).map((region) => text.slice(region.content.start, region.content.end));
}

describe('math regions of a note', () => {
  it('finds inline $…$, display $$…$$ over several lines, \\(…\\) and \\[…\\]', () => {
    const note = 'Say $3$ classes.\n$$\nD = 0.415\n$$\nand \\(a = 1\\) then\n\\[\nb = 2\n\\]\n';
    expect(formulas(note)).toEqual(['3', '\nD = 0.415\n', 'a = 1', '\nb = 2\n']);
    const [inline, display] = findMathRegions(note);
    expect(inline.display).toBe(false);
    expect(display.display).toBe(true);
    expect(note.slice(display.span.start, display.span.end)).toBe('$$\nD = 0.415\n$$');
  });

  it('skips fenced code blocks, kl blocks included, and code spans', () => {
    const note = '```python\nx = "$1 + 1 = 3$"\n```\n\n```kl\nKL(P || Q) # $x$\n```\n\n~~~\n$$ 2 = 3 $$\n~~~\nUse `$a = b$` or ``$c$`` but $d$.';
    expect(formulas(note)).toEqual(['d']);
  });

  it('keeps prices and escaped dollars out of math', () => {
    expect(formulas('It costs $5 and $10 more.')).toEqual([]);
    expect(formulas('Pay \\$5, then $x = 1$.')).toEqual(['x = 1']);
    expect(formulas('A $ sign alone, and $ spaced $ too.')).toEqual([]);
  });

  it('does not let inline math or display math cross a blank line', () => {
    expect(formulas('Half $a = \n\n b$ here')).toEqual([]);
    expect(formulas('$$\na = 1\n\nb = 2\n$$')).toEqual([]);
  });

  it('skips YAML front matter and HTML comments', () => {
    const note = '---\ntitle: $x$ costs\nprice: $5$\n---\n<!-- $1 = 2$ -->\nReal: $y$';
    expect(formulas(note)).toEqual(['y']);
  });

  it('reads an unclosed fence to the end of the note, and an unclosed $ as text', () => {
    expect(formulas('$a$\n```\n$b$\n')).toEqual(['a']);
    expect(formulas('An open $ never closed, then $$ too')).toEqual([]);
  });

  it('costs nothing on a note without math, and stays linear on many unmatched delimiters', () => {
    expect(findMathRegions('# Notes\n\nNo math here.')).toEqual([]);
    const hostile = '$ `` \\( '.repeat(50_000);
    const start = performance.now();
    findMathRegions(hostile);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
