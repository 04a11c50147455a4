// sigmoid, and the logs of its value. A confident logit leaves the double p
// with few digits of 1 − p or none: sigmoid(30) = 1 − 9.4e-14 keeps about 3
// digits of 1 − p, sigmoid(40) is 1 and sigmoid(-800) is 0, so a log of 1 − p
// or of p taken from the double is wrong or −∞ there. The value keeps its
// logits x, and BCE takes
//   ln p = −softplus(−x),  ln(1 − p) = −softplus(x),
//   softplus(x) = ln(1 + e^x) = max(x, 0) + log1p(e^−|x|),
// as PyTorch's binary_cross_entropy_with_logits: finite for every finite x,
// and exact to rounding (the two parts have one sign, nothing cancels).

export function sigmoid(x: number): number {
  // Written so that neither branch overflows: e^{-|x|} ≤ 1.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln(1 + e^x) without overflow, and with all its digits where it is tiny (x ≪ 0). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** ln sigmoid(x) = −softplus(−x); ln(1 − sigmoid(x)) is lnSigmoid(−x). */
export function lnSigmoid(x: number): number {
  return -softplus(-x);
}

/**
 * A log from the logit differs from the same log of the double in the 12
 * digits the hover gives the libraries' values: there the logit changed the
 * outcome, and the hover writes that p or 1 − p as e^(ln p) and says why.
 */
export function logitChangesLog(fromDouble: number, fromLogit: number): boolean {
  return !(Math.abs(fromDouble - fromLogit) <= 1e-12 * Math.abs(fromLogit));
}
