// Constants of the special functions and the families' closed forms, to the
// nearest double (values from mpmath at 30 digits).

/** The Euler–Mascheroni constant γ = −ψ(1). */
export const EULER_GAMMA = 0.5772156649015329;

/** ½ ln(2π), the constant of Stirling's series and of the normal's log-density. */
export const HALF_LN_2PI = 0.9189385332046728;

