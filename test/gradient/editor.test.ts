// What the editor shows for a gradient: the hover (what was differentiated,
// the classic closed form, the entries and a chart with negative bars down)
// and the lens (the vector in short form).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hover } from '../../server/src/features/hover';
import { resultText } from '../../server/src/hover/resultText';
import { analysisOf } from '../engine/evaluate';

const EXAMPLE = readFileSync(join(__dirname, '../../examples/gradients.kl'), 'utf8');

function hoverAt(text: string, needle: string, shift = 0): string {
  const result = hover(analysisOf(text), text.indexOf(needle) + shift);
  const contents = result?.contents;
  if (!contents || typeof contents !== 'object' || !('value' in contents)) throw new Error(`no hover at ${needle}`);
  return contents.value;
}

function charts(markdown: string): string[] {
  return [...markdown.matchAll(/\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => Buffer.from(match[1], 'base64').toString('utf8'));
}

describe('hovering over grad(CE(y, softmax(z)), z) in examples/gradients.kl', () => {
  const markdown = hoverAt(EXAMPLE, 'grad(CE(y, softmax(z)), z)\n', 1);

  it('says what was differentiated, by which name, and the loss there', () => {
    expect(markdown).toContain('**∇** of `CE(y, softmax(z))` with respect to `z` (nats per unit of `z`); the expression is 0.41703001627783348 nats here.');
  });

  it('gives the analytic form of the classic result', () => {
    expect(markdown).toContain('Analytic form (softmax with cross-entropy): `softmax(z) - y`');
  });

  it('lists every entry at full precision', () => {
    expect(markdown).toContain('| i | ∂/∂z |');
    expect(markdown).toContain('| 1 | -0.3409988611140321 |');
    expect(markdown).toContain('| 3 | 0.09856589040931818 |');
  });

  it('draws the entries, the negative one below the zero line', () => {
    const [svg] = charts(markdown);
    const bars = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="([^"]+)"/g)].map((m) => ({ y: Number(m[1]), height: Number(m[2]), fill: m[3] }));
    expect(bars).toHaveLength(3);
    const zero = Number(/<line x1="[^"]+" y1="([^"]+)"/.exec(svg)?.[1]) - 0.5;
    expect(bars[0].y).toBeCloseTo(zero, 5);
    expect(bars[1].y + bars[1].height).toBeCloseTo(zero, 5);
    expect(bars[0].fill).not.toBe(bars[1].fill);
  });
});

describe('other gradients in the editor', () => {
  it('shows the sigmoid–BCE closed form for one logit, and the number', () => {
    const markdown = hoverAt(EXAMPLE, 'grad(BCE(t, sigmoid(x)), x)\n', 1);
    expect(markdown).toContain('Analytic form (sigmoid with binary cross-entropy): `sigmoid(x) - t`');
    expect(markdown).toContain('**-0.31002551887238755 nats**');
  });

  it('shows a gradient bound to a name when hovering over the name', () => {
    const text = 'z = [2, 1, 0.1]\ny = onehot(1, 3)\ng = grad(CE(y, softmax(z)), z)\ng';
    const markdown = hoverAt(text, 'z)\ng', 3);
    expect(markdown).toContain('`g` — defined at line 3');
    expect(markdown).toContain('**∇** of `CE(y, softmax(z))`');
  });

  it('puts the vector in short form in the lens, labelled with the variable', () => {
    const analysis = analysisOf(EXAMPLE);
    const statement = analysis.statements.find((s) => s.source.text === 'grad(CE(y, softmax(z)), z)');
    expect(statement && resultText(statement, 5)?.title).toBe('∇z = [-0.341, 0.24243, 0.098566] nats');
    const check = analysis.statements.find((s) => s.source.text.startsWith('grad(CE(y, softmax(z)), z) ≈ [-0.341'));
    expect(check && resultText(check, 5)?.title).toBe('✓ [-0.341, 0.242, 0.099] ([-0.341, 0.24243, 0.098566] nats)');
  });
});
