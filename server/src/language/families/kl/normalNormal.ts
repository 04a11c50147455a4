// KL(N(μ₁, σ₁) ‖ N(μ₂, σ₂)) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.
import type { FamilyParameters } from '../familyValue';
import type { KlPair } from './klPair';

type Normal = FamilyParameters['normal'];

/**
 * Written as ½·(r² − 1 − 2·ln r) + (μ₁−μ₂)²/(2σ₂²) with r = σ₁/σ₂; the first
 * part is ½·(expm1(2t) − 2t) for t = ln r, summed as a series when t is small,
 * so that nearly equal normals do not lose their digits to cancellation.
 */
function normalKl({ mu: mu1, sigma: sigma1 }: Normal, { mu: mu2, sigma: sigma2 }: Normal): number {
  const t = Math.log(sigma1) - Math.log(sigma2);
  let spread: number;
  if (Math.abs(t) < 0.01) {
    // expm1(2t) − 2t = Σ_{k≥2} (2t)^k / k!
    let term = (2 * t * 2 * t) / 2;
    spread = 0;
    for (let k = 3; Math.abs(term) > 1e-300 && k < 30; k++) {
      spread += term;
      term *= (2 * t) / k;
    }
    spread *= 0.5;
  } else {
    spread = 0.5 * (Math.expm1(2 * t) - 2 * t);
  }
  // μ1 − μ2 may overflow where the shift in units of σ2 does not (μ = ±1e308, σ2 = 1e300).
  const difference = mu1 - mu2;
  const shift = Number.isFinite(difference) ? difference / sigma2 : mu1 / sigma2 - mu2 / sigma2;
  return spread + 0.5 * shift * shift;
}

/**
 * ∂/∂μ₁ = (μ₁ − μ₂)/σ₂², ∂/∂σ₁ = (σ₁² − σ₂²)/(σ₁σ₂²) for KL and σ₁/σ₂² for
 * H(P, Q) = H(P) + KL; in Q, both: ∂/∂μ₂ = −(μ₁ − μ₂)/σ₂²,
 * ∂/∂σ₂ = (σ₂² − σ₁² − (μ₁ − μ₂)²)/σ₂³.
 */
function slopes(measure: 'kl' | 'crossEntropy', { mu: mu1, sigma: s1 }: Normal, { mu: mu2, sigma: s2 }: Normal) {
  const shift = mu1 - mu2;
  const v2 = s2 * s2;
  const ds1 = measure === 'kl' ? ((s1 - s2) * (s1 + s2)) / (s1 * v2) : s1 / v2;
  return { p: Float64Array.of(shift / v2, ds1), q: Float64Array.of(-shift / v2, ((s2 - s1) * (s2 + s1) - shift * shift) / (v2 * s2)) };
}

export const NORMAL_NORMAL: KlPair<'normal', 'normal'> = {
  p: 'normal',
  q: 'normal',
  reference: 'torch.distributions.kl._kl_normal_normal',
  kl: normalKl,
  klGradient: (p, q) => slopes('kl', p, q),
  crossEntropyGradient: (p, q) => slopes('crossEntropy', p, q),
  text: {
    formula: 'ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½',
    substituted: ({ mu: mu1, sigma: sigma1 }, { mu: mu2, sigma: sigma2 }, n) => `ln(${n(sigma2)}/${n(sigma1)}) + (${n(sigma1)}² + (${n(mu1)} − ${n(mu2)})²)/(2·${n(sigma2)}²) − ½`,
  },
};
