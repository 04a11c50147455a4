// The benchmark's inputs: seeded random distributions written as .npy files
// (the same bytes for KL Lens and for scipy), and generated KL documents.
import { writeFileSync } from 'node:fs';

/** A seeded generator (Park–Miller), so every run measures the same data. */
export function random(seed) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** n probabilities from a Dirichlet(1) draw: exponential weights, normalised. */
export function distribution(n, next) {
  const p = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    p[i] = -Math.log(next());
    total += p[i];
  }
  for (let i = 0; i < n; i++) p[i] /= total;
  return p;
}

/** numpy.save's format, version 1: a 64-byte-aligned header, then little-endian float64. */
export function writeNpy(path, data) {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${data.length},), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const bytes = Buffer.alloc(10 + header.length + data.length * 8);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(bytes);
  bytes.writeUInt16LE(header.length, 8);
  bytes.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(bytes, 10 + header.length);
  writeFileSync(path, bytes);
}

/** k probabilities written with 4 decimals that sum to exactly 1 as decimals. */
function literal(k, next) {
  const weights = Array.from({ length: k }, () => 1 + Math.floor(next() * 100));
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((w / total) * 10000));
  parts[0] += 10000 - parts.reduce((a, b) => a + b, 0);
  return `[${parts.map((x) => (x / 10000).toFixed(4)).join(', ')}]`;
}

/**
 * A document of `lines` statements: blocks of two assignments of 3–20-entry
 * distributions and four measures of them (KL, H, cross-entropy, JS).
 */
export function generatedDocument(lines, seed = 1) {
  const next = random(seed);
  const out = [];
  for (let block = 0; out.length < lines; block++) {
    const k = 3 + Math.floor(next() * 18);
    out.push(`P${block} = ${literal(k, next)}`, `Q${block} = ${literal(k, next)}`, `KL(P${block} || Q${block})`, `H(P${block})`, `H(P${block}, Q${block})`, `JS(P${block} || Q${block})`);
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
