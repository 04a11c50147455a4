// The closed forms of KL between families, by pair 'P|Q'. A pair not here
// has no closed form in KL Lens: an error that says so (familyMeasures.ts),
// never a number. The compiler checks that each key holds the pair it names.
import type { FamilyValue } from '../familyValue';
import type { KlPair, KlPairTable, PairKey } from './klPair';
import { NORMAL_NORMAL } from './normalNormal';

export const KL_PAIRS = {
  'normal|normal': NORMAL_NORMAL,
} as const satisfies KlPairTable;

export function pairKey(p: FamilyValue, q: FamilyValue): PairKey {
  return `${p.family}|${q.family}`;
}

/** The closed form of KL(P ‖ Q), if the registry has one. */
export function klPairOf(p: FamilyValue, q: FamilyValue): KlPair | undefined {
  return (KL_PAIRS as KlPairTable)[pairKey(p, q)] as KlPair | undefined;
}
