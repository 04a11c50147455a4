#!/usr/bin/python3
"""The corpus of LaTeX snippets for KL Lens's math checking, with expected values.

Writes test/latex/corpus.json: every snippet of LaTeX a note may hold, each
with the value every part of its formula must have (or null where the part
must be skipped: free symbols, prose, what cannot be read) and the verdict of
every relation that must be checked, in order. corpus.test.ts puts each
snippet in a note (after its `kl` block, if it has one) and compares.

The expected values are computed here, independently of the TypeScript engine:
with mpmath at 50 digits, from the same doubles the note writes (every decimal
literal of a reference expression is read as a Python float, then made exact),
and the information measures from their definitions, cross-checked against
scipy in double precision (a relative disagreement above 1e-9 aborts).

    /usr/bin/python3 test/latex/make_corpus.py          # (re)write corpus.json
    /usr/bin/python3 test/latex/make_corpus.py --check  # fail if it is out of date
"""

import argparse
import json
import os
import re
import sys

import mpmath
from mpmath import mp, mpf
import numpy as np
import scipy.spatial.distance
import scipy.stats

mp.dps = 50
DIGITS = 30
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus.json')

BASES = {'bits': 2, 'nats': mpmath.e, 'bans': 10}
NUMPY_BASES = {'bits': 2, 'nats': np.e, 'bans': 10}

# --- the reference: measures from their definitions, checked against scipy ---


def _check(value, double, what):
    if mpmath.isinf(value) and np.isinf(double):
        return value
    if abs(value - mpf(double)) > mpf('1e-9') * max(abs(value), mpf('1e-300')):
        sys.exit(f'{what}: mpmath {value} and scipy {double} disagree')
    return value


def H(p, units, q=None):
    """Entropy, or cross-entropy with q: −Σ p log q (0·log 0 = 0; p > 0 = q gives +∞)."""
    base = BASES[units]
    if q is None:
        value = -sum(x * mpmath.log(x, base) for x in p if x > 0)
        return _check(value, scipy.stats.entropy([float(x) for x in p], base=NUMPY_BASES[units]), 'H')
    if any(x > 0 and y == 0 for x, y in zip(p, q)):
        return mpmath.inf
    value = -sum(x * mpmath.log(y, base) for x, y in zip(p, q) if x > 0)
    double = scipy.stats.entropy([float(x) for x in p], base=NUMPY_BASES[units]) + scipy.stats.entropy([float(x) for x in p], [float(y) for y in q], base=NUMPY_BASES[units])
    return _check(value, double, 'CE')


def KL(p, q, units):
    base = BASES[units]
    if any(x > 0 and y == 0 for x, y in zip(p, q)):
        return mpmath.inf
    value = sum(x * mpmath.log(x / y, base) for x, y in zip(p, q) if x > 0)
    return _check(value, scipy.stats.entropy([float(x) for x in p], [float(y) for y in q], base=NUMPY_BASES[units]), 'KL')


def JS(p, q, units):
    m = [(x + y) / 2 for x, y in zip(p, q)]
    value = (KL(p, m, units) + KL(q, m, units)) / 2
    double = scipy.spatial.distance.jensenshannon([float(x) for x in p], [float(y) for y in q], base=NUMPY_BASES[units]) ** 2
    return _check(value, double, 'JS')


def BCE(y, p, units):
    base = BASES[units]
    return -(y * mpmath.log(p, base) + (1 - y) * mpmath.log(1 - p, base)) if 0 < p < 1 else mpmath.inf


def log(x, base=None):
    return mpmath.log(x) if base is None else mpmath.log(x, base)


ENVIRONMENT = {
    'mp': mp, 'mpf': mpf, 'log': log, 'ln': mpmath.log, 'exp': mpmath.exp, 'sqrt': mpmath.sqrt, 'root': mpmath.root,
    'pi': mpmath.pi, 'e': mpmath.e, 'inf': mpmath.inf, 'H': H, 'KL': KL, 'JS': JS, 'BCE': BCE,
    'P': None, 'Q': None,
}

NUMBER = re.compile(r'(?<![\w.])(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?(?![\w.])')


def reference(expression):
    """The value of a Python expression in which every number literal is the double it writes, made exact."""
    if expression is None:
        return None
    if isinstance(expression, list):
        return [reference(entry) for entry in expression]
    exact = NUMBER.sub(lambda m: f"mpf(float('{m.group(0)}'))", expression)
    value = eval(exact, dict(ENVIRONMENT, P=[mpf(1), mpf(0), mpf(0)], Q=[mpf(float('0.75')), mpf(float('0.2')), mpf(float('0.05'))]))
    return written(value)


def written(value):
    if isinstance(value, list):
        return [written(entry) for entry in value]
    value = mpf(value)
    if mpmath.isinf(value):
        return 'Infinity' if value > 0 else '-Infinity'
    return mpmath.nstr(value, DIGITS, min_fixed=-mp.inf, max_fixed=mp.inf) if value != 0 else '0'


# --- the snippets ---

BITS = 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]'
NATS = 'P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]'

CASES = []


def case(construct, latex, parts, verdicts=(), kl=None, note=None):
    entry = {'construct': construct, 'latex': latex, 'parts': parts, 'verdicts': list(verdicts)}
    if kl:
        entry['kl'] = kl
    if note:
        entry['note'] = note
    CASES.append(entry)


P_, F_ = 'pass', 'fail'

# Numbers as written: integers, decimals, .5, e-notation, percentages.
case('number', r'2 + 2 = 4', ['2 + 2', '4'], [P_])
case('number', r'2 + 2 = 5', ['2 + 2', '5'], [F_])
case('number', r'0.1 + 0.2 = 0.3', ['0.1 + 0.2', '0.3'], [P_])
case('number', r'.5 + .25 = 0.75', ['.5 + .25', '0.75'], [P_])
case('number', r'1.5e-3 \times 2 = 3e-3', ['1.5e-3 * 2', '3e-3'], [P_])
case('number', r'50\% + 25\% = 0.75', ['0.5 + 0.25', '0.75'], [P_])
case('number', r'0.415 = 0.4150', ['0.415', '0.4150'], [P_])
case('number', r'3.14 \approx 3.1416', ['3.14', '3.1416'], [P_], note='both sides rounded: the coarser digits (±0.005) decide')
case('number', r'10 - 3 - 2 = 5', ['10 - 3 - 2', '5'], [P_])
case('number', r'2 - 3 = -1', ['2 - 3', '-1'], [P_])
case('number', r'-2 + 5 = 3', ['-2 + 5', '3'], [P_])
case('number', r'41.5\% \approx 0.415', ['0.415', '0.415'], [P_])
case('number', r'1.2.3 = 1', [None, '1'], note='two numbers side by side')
case('number', r'(\frac{8.01}{12}) \times (-75) \approx -50.063', ['8.01/12*-75', '-50.063'], [P_], note='rounded at a tie: the double of -50.063 lies 2.4e-15 beyond ±0.0005')
# No locale guessing: a decimal comma is not a decimal point, and the part is skipped.
case('locale', r'\frac{3}{4} = 0,75', ['0.75', None])
case('locale', r'0,5 + 0,25 = 0,75', [None, None])
case('locale', r'1{,}5 = 1.5', [None, '1.5'])
case('locale', r'x = 0,75', [None, None])
# + − × · / ÷ *
case('operator', r'3 \times 4 = 12', ['12', '12'], [P_])
case('operator', r'3 \cdot 4 = 12', ['12', '12'], [P_])
case('operator', r'12 / 4 = 3', ['3', '3'], [P_])
case('operator', r'12 \div 4 = 3', ['3', '3'], [P_])
case('operator', r'3 * 4 = 12', ['12', '12'], [P_])
case('operator', r'3 × 4 = 12', ['12', '12'], [P_])
case('operator', r'3 · 4 = 12', ['12', '12'], [P_])
case('operator', r'2 − 3 = −1', ['-1', '-1'], [P_], note='U+2212 minus signs')
case('operator', r'2 \times 3 + 4 = 10', ['10', '10'], [P_])
case('operator', r'2 + 3 \times 4 = 14', ['14', '14'], [P_])
case('operator', r'2 \times 3 = 7', ['6', '7'], [F_])
case('operator', r'1 / 3 \approx 0.333', ['1/3', '0.333'], [P_])
case('operator', r'1 / 3 \approx 0.334', ['1/3', '0.334'], [F_])
case('operator', r'2 \times -3 = -6', ['-6', '-6'], [P_])
# \frac
case('frac', r'\frac{3}{4} = 0.75', ['0.75', '0.75'], [P_])
case('frac', r'\frac12 = 0.5', ['0.5', '0.5'], [P_], note='TeX reads one character per argument')
case('frac', r'\frac 1 2 = 0.5', ['0.5', '0.5'], [P_])
case('frac', r'\frac{1}{3} \approx 0.3333', ['1/3', '0.3333'], [P_])
case('frac', r'\dfrac{2}{5} = 0.4', ['2/5', '0.4'], [P_])
case('frac', r'\tfrac{1}{4} = 0.25', ['0.25', '0.25'], [P_])
case('frac', r'\frac{\frac{1}{2}}{\frac{1}{4}} = 2', ['2', '2'], [P_])
case('frac', r'\frac{1}{3} = 0.33', ['1/3', '0.33'], [P_], note="'=' with a rounded side: its digits set the tolerance (spec)")
case('frac', r'\frac{2}{3} \approx 0.67', ['2/3', '0.67'], [P_])
case('frac', r'\frac{2}{3} \approx 0.66', ['2/3', '0.66'], [F_])
case('frac', r'\frac{1}{0.75} \approx 1.333', ['1/0.75', '1.333'], [P_])
case('frac', r'\frac{1}{0} = 1', [None, '1'], note='1/0 is infinite: skipped, not compared')
case('frac', r'0/0 = 1', [None, '1'])
# Implicit multiplication of a number and a group; what is ambiguous is skipped.
case('implicit', r'2(3 + 4) = 14', ['14', '14'], [P_])
case('implicit', r'2\left(3 + 4\right) = 14', ['14', '14'], [P_])
case('implicit', r'(1 + 1)(2 + 3) = 10', ['10', '10'], [P_])
case('implicit', r'\frac{1}{2}(4 + 2) = 3', ['3', '3'], [P_])
case('implicit', r'2\pi \approx 6.2832', ['2*pi', '6.2832'], [P_])
case('implicit', r'2[1, 2] = [2, 4]', [['2', '4'], ['2', '4']], [P_])
case('implicit', r'3\frac{1}{2} = 3.5', [None, '3.5'], note='a mixed number or a product: not guessed')
case('implicit', r'2 3 = 6', [None, '6'])
case('implicit', r'1/2\pi = 0.159', [None, '0.159'], note='(1/2)·π or 1/(2π): not guessed')
case('implicit', r'2{3} = 6', [None, '6'], note='TeX writes 2{3} as 23')
# Powers
case('power', r'2^{10} = 1024', ['1024', '1024'], [P_])
case('power', r'2^3 = 8', ['8', '8'], [P_])
case('power', r'2^10 = 1024', [None, '1024'], note='TeX reads 2^1 then 0')
case('power', r'10^{-3} = 0.001', ['0.001', '0.001'], [P_])
case('power', r'(-2)^{2} = 4', ['4', '4'], [P_])
case('power', r'-2^{2} = -4', ['-4', '-4'], [P_])
case('power', r'2^{2^{3}} = 256', ['256', '256'], [P_])
case('power', r'2^{0.5} \approx 1.41421', ['sqrt(2)', '1.41421'], [P_])
case('power', r'0.5^{2} = 0.25', ['0.25', '0.25'], [P_])
case('power', r'2^3^2 = 64', [None, '64'], note='a double superscript')
case('power', r'4^{\frac{1}{2}} = 2', ['2', '2'], [P_])
case('power', r'(-8)^{\frac{1}{3}} = -2', [None, '-2'], note='a negative number to a fractional power is not real')
case('power', r'2^{1000000} = 1', [None, '1'], note='overflows: skipped')
case('power', r'1.5 \times 10^{-3} \approx 0.0015', ['0.0015', '0.0015'], [P_])
case('power', r'\log_2 3 \approx 1.6 \times 10^{0}', ['log(3, 2)', '1.6'], [P_])
# \sqrt and \sqrt[n]
case('sqrt', r'\sqrt{16} = 4', ['4', '4'], [P_])
case('sqrt', r'\sqrt{2} \approx 1.414', ['sqrt(2)', '1.414'], [P_])
case('sqrt', r'\sqrt2 \approx 1.41421', ['sqrt(2)', '1.41421'], [P_])
case('sqrt', r'\sqrt[3]{27} = 3', ['3', '3'], [P_])
case('sqrt', r'\sqrt[4]{16} = 2', ['2', '2'], [P_])
case('sqrt', r'\sqrt{-1} = 1', [None, '1'])
case('sqrt', r'\sqrt{2}^{2} = 2', ['2', '2'], [P_])
case('sqrt', r'\sqrt{\frac{9}{4}} = 1.5', ['1.5', '1.5'], [P_])
case('sqrt', r'\sqrt{2} = 1.5', ['sqrt(2)', '1.5'], [F_])
# \log and \ln (\log without a base is the natural logarithm, as in the KL language)
case('log', r'\ln 1 = 0', ['0', '0'], [P_])
case('log', r'\ln e = 1', ['1', '1'], [P_])
case('log', r'\ln(e^{2}) = 2', ['2', '2'], [P_])
case('log', r'\log(1) = 0', ['0', '0'], [P_])
case('log', r'\log 100 \approx 4.60517', ['ln(100)', '4.60517'], [P_])
case('log', r'\ln 2 \approx 0.6931', ['ln(2)', '0.6931'], [P_])
case('log', r'\ln 2 \approx 0.7', ['ln(2)', '0.7'], [P_])
case('log', r'\ln 2 = 0.693', ['ln(2)', '0.693'], [P_])
case('log', r'\ln 2 \approx 0.68', ['ln(2)', '0.68'], [F_])
case('log', r'\log(0) = 0', [None, '0'], note='log 0 is −∞: skipped')
case('log', r'\log 2 \cdot 3 \approx 2.0794', ['3*ln(2)', '2.0794'], [P_])
case('log', r'\log 2\pi = 1.8379', [None, '1.8379'], note='log(2π) or log(2)·π: not guessed')
case('log', r'\log 2 \sum_{i=1}^{2} i \approx 2.0794', ['3*ln(2)', '2.0794'], [P_])
case('log', r'\ln(2)(3) \approx 2.0794', ['3*ln(2)', '2.0794'], [P_])
case('log', r'\ln^2 2 = 1', [None, '1'], note='a power of a function is not read')
# \log_2, \log_{10}, \log_20.75 (one-character subscript, as TeX reads it)
case('log-base', r'\log_2 8 = 3', ['3', '3'], [P_])
case('log-base', r'\log_2 0.75 \approx -0.415', ['log(0.75, 2)', '-0.415'], [P_])
case('log-base', r'\log_20.75 \approx -0.415', ['log(0.75, 2)', '-0.415'], [P_])
case('log-base', r'\log_{2} 1024 = 10', ['10', '10'], [P_])
case('log-base', r'\log_{10} 1000 = 3', ['3', '3'], [P_])
case('log-base', r'\log_{10}(0.01) = -2', ['log(0.01, 10)', '-2'], [P_])
case('log-base', r'\log_3 81 = 4', ['4', '4'], [P_])
case('log-base', r'\log_{e} 1 = 0', ['0', '0'], [P_])
case('log-base', r'\log_2\frac{0.75}{1} \approx -0.415', ['log(0.75, 2)', '-0.415'], [P_])
case('log-base', r'-\log_2 0.75 \approx 0.415', ['-log(0.75, 2)', '0.415'], [P_])
case('log-base', r'\log_2 0.75 \approx 0.415', ['log(0.75, 2)', '0.415'], [F_])
case('log-base', r'\log_b 8 = 3', [None, '3'])
case('log-base', r'\log_2 8 = 4', ['3', '4'], [F_])
case('log-base', r'\log_2(8) + \log_2(4) = 5', ['5', '5'], [P_])
case('log-base', r'\log_1 2 = 1', [None, '1'], note='base 1 has no logarithm')
case('log-base', r'\log_2 3 < 1.59', ['log(3, 2)', '1.59'], [P_])
case('log-base', r'\log_2 3 < 1.58', ['log(3, 2)', '1.58'], [F_])
# \exp and e^{…}
case('exp', r'\exp(0) = 1', ['1', '1'], [P_])
case('exp', r'\exp(1) \approx 2.71828', ['e', '2.71828'], [P_])
case('exp', r'\exp 2 \approx 7.389', ['exp(2)', '7.389'], [P_])
case('exp', r'e^{0} = 1', ['1', '1'], [P_])
case('exp', r'e^{-1} \approx 0.3679', ['exp(-1)', '0.3679'], [P_])
case('exp', r'e^{\ln 5} = 5', ['5', '5'], [P_])
case('exp', r'e^{2} = 7.389', ['exp(2)', '7.389'], [P_])
case('exp', r'\mathrm{e} \approx 2.718', ['e', '2.718'], [P_])
case('exp', r'2e = 5.43656', ['2*e', '5.43656'], [P_])
case('exp', r'e \approx 2.718', [None, '2.718'], note='a lone e may be a variable')
# \pi
case('pi', r'\pi \approx 3.14159', ['pi', '3.14159'], [P_])
case('pi', r'\frac{\pi}{2} \approx 1.5708', ['pi/2', '1.5708'], [P_])
case('pi', r'\pi = 3.14', ['pi', '3.14'], [P_])
case('pi', r'\pi \approx 3.15', ['pi', '3.15'], [F_])
case('pi', r'π ≈ 3.1416', ['pi', '3.1416'], [P_])
case('pi', r'\frac\pi2 \approx 1.5708', ['pi/2', '1.5708'], [P_])
# \left( \right) and sizes
case('delimiters', r'\left(\frac{1}{2}\right)^{2} = 0.25', ['0.25', '0.25'], [P_])
case('delimiters', r'\left[1 + 1\right] = 2', ['2', '2'], [P_])
case('delimiters', r'\Big(2 + 3\Big) \times 2 = 10', ['10', '10'], [P_])
case('delimiters', r'\bigl(1 + 2\bigr)^2 = 9', ['9', '9'], [P_])
case('delimiters', r'((((1)))) = 1', ['1', '1'], [P_])
# Spacing
case('spacing', r'2\,\times\,3 = 6', ['6', '6'], [P_])
case('spacing', r'\frac{1}{2}\!\cdot\!4 = 2', ['2', '2'], [P_])
case('spacing', r'1\;+\;1 = 2', ['2', '2'], [P_])
case('spacing', r'2~+~2 = 4', ['4', '4'], [P_])
case('spacing', r'1 + 1 = 2 \quad 3 + 3 = 6', ['2', '2', '6', '6'], [P_, P_], note='\\quad starts a new chain')
# Names from the kl blocks, with \textbf, \mathbf, \hat, Greek letters and subscripts
case('names', r'\textbf{y} = [1, 0, 0]', [['1', '0', '0'], ['1', '0', '0']], [P_], kl='y = [1, 0, 0]')
case('names', r'\mathbf{y} = [1, 0, 0]', [['1', '0', '0'], ['1', '0', '0']], [P_], kl='y = [1, 0, 0]')
case('names', r'\hat{y} = [0.75, 0.2, 0.05]', [['0.75', '0.2', '0.05'], ['0.75', '0.2', '0.05']], [P_], kl='ŷ = [0.75, 0.2, 0.05]')
case('names', r'\hat{\mathbf{y}} = [0.7, 0.3]', [['0.7', '0.3'], ['0.7', '0.3']], [P_], kl='y_hat = [0.7, 0.3]')
case('names', r'\mu = 0.5', ['0.5', '0.5'], [P_], kl='mu = 0.5')
case('names', r'\sigma^{2} = 4', ['4', '4'], [P_], kl='σ = 2')
case('names', r'y_2 = 0.3', ['0.3', '0.3'], [P_], kl='y = [0.2, 0.3, 0.5]', note='the 2nd entry of y')
case('names', r'y_{1} = 7', ['7', '7'], [P_], kl='y_1 = 7')
case('names', r'y_4 = 0.3', [None, '0.3'], kl='y = [0.2, 0.3, 0.5]', note='y has 3 entries')
case('names', r'\mathbf{y} = [1, 0]', [None, ['1', '0']], note='y is not bound')
case('names', r'P = [1, 0, 0]', [['1', '0', '0'], ['1', '0', '0']], [P_], kl=BITS)
case('names', r'Q = [0.85, 0.1, 0.05]', [['0.75', '0.2', '0.05'], ['0.85', '0.1', '0.05']], [F_], kl=BITS)
case('names', r'2x = 6', ['6', '6'], [P_], kl='x = 3')
case('names', r'x^{2} + 1 = 10', ['10', '10'], [P_], kl='x = 3')
# \sum over explicit numbers (and \prod)
case('sum', r'\sum_{i=1}^{4} i = 10', ['10', '10'], [P_])
case('sum', r'\sum_{i=1}^{3} i^{2} = 14', ['14', '14'], [P_])
case('sum', r'\sum_{k=0}^{3} 2^{k} = 15', ['15', '15'], [P_])
case('sum', r'\sum_{i=1}^{3} \frac{1}{i} \approx 1.8333', ['1 + 1/2 + 1/3', '1.8333'], [P_])
case('sum', r'\sum_{i=1}^{n} i = 10', [None, '10'], note='n is not bound')
case('sum', r'\sum_{i=1}^{n} i = 10', ['10', '10'], [P_], kl='n = 4')
case('sum', r'\sum_{i=1}^{3} y_i = 1', ['1', '1'], [P_], kl='y = [0.2, 0.3, 0.5]')
case('sum', r'-\sum_{i=1}^{3} P_i \log_2 Q_i \approx 0.415', ['-log(0.75, 2)', '0.415'], [P_], kl=BITS)
case('sum', r'\sum_{i=1}^{3} i + 1 = 7', ['7', '7'], [P_], note='the sum takes the product after it, not the + 1')
case('sum', r'2\sum_{i=1}^{2} i = 6', ['6', '6'], [P_])
case('sum', r'\sum_{i=1}^{0} i = 0', ['0', '0'], [P_], note='an empty sum')
case('sum', r'\prod_{i=1}^{4} i = 24', ['24', '24'], [P_])
case('sum', r'\sum\limits_{i=1}^{3} i = 6', ['6', '6'], [P_])
case('sum', r'\sum^{3}_{i=1} i = 6', ['6', '6'], [P_])
case('sum', r'\sum_{j=1}^{3}\sum_{k=1}^{2} j \cdot k = 18', ['18', '18'], [P_])
case('sum', r'\sum_{i \in \Omega} p_i = 1', [None, '1'])
case('sum', r'\sum_{i=1}^{100000} i = 5000050000', [None, '5000050000'], note='more than 10,000 terms')
case('sum', r'\sum_{i=1}^{3} i = 7', ['6', '7'], [F_])
# Vectors [..] and bmatrix
case('vector', r'[0.75, 0.2, 0.05] = [0.75, 0.2, 0.05]', [['0.75', '0.2', '0.05'], ['0.75', '0.2', '0.05']], [P_])
case('vector', r'[1, 2] + [3, 4] = [4, 6]', [['4', '6'], ['4', '6']], [P_])
case('vector', r'\frac{1}{4}[2, 1, 1] = [0.5, 0.25, 0.25]', [['0.5', '0.25', '0.25'], ['0.5', '0.25', '0.25']], [P_])
case('vector', r'[0.5, 0.25] \approx [0.5, 0.4]', [['0.5', '0.25'], ['0.5', '0.4']], [F_])
case('vector', r'[1/3, 2/3] \approx [0.33, 0.67]', [['1/3', '2/3'], ['0.33', '0.67']], [P_])
case('vector', r'\begin{bmatrix} 0.75 \\ 0.2 \\ 0.05 \end{bmatrix} = [0.75, 0.2, 0.05]', [['0.75', '0.2', '0.05'], ['0.75', '0.2', '0.05']], [P_])
case('vector', r'\begin{bmatrix} 1 & 2 \end{bmatrix} = [1, 2]', [['1', '2'], ['1', '2']], [P_])
case('vector', r'\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix} = \begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}', [['1', '0', '0', '1'], ['1', '0', '0', '1']], [P_])
case('vector', r'[1, 2] = [1, 2, 3]', [['1', '2'], ['1', '2', '3']], note='different lengths: not compared')
case('vector', r'[1, 2] < [3, 4]', [['1', '2'], ['3', '4']], note='an inequality between vectors: not compared')
case('vector', r'Q - P = [0.75 - 1, 0.2 - 0, 0.05 - 0] = [-0.25, 0.2, 0.05]', [['-0.25', '0.2', '0.05']] * 3, [P_, P_], kl=BITS)
case('vector', r'P \ne Q', [['1', '0', '0'], ['0.75', '0.2', '0.05']], [P_], kl=BITS)
# Relations and chains
case('relation', r'1 < 2', ['1', '2'], [P_])
case('relation', r'2 < 1', ['2', '1'], [F_])
case('relation', r'1 \le 1', ['1', '1'], [P_])
case('relation', r'1 \leq 2', ['1', '2'], [P_])
case('relation', r'2 \ge 3', ['2', '3'], [F_])
case('relation', r'3 \geq 3', ['3', '3'], [P_])
case('relation', r'3 > 2', ['3', '2'], [P_])
case('relation', r'1 \neq 2', ['1', '2'], [P_])
case('relation', r'1 \ne 1', ['1', '1'], [F_])
case('relation', r'\frac{1}{3} \neq 0.33', ['1/3', '0.33'], [P_], note='an inequality compares the values as written')
case('relation', r'0.1 + 0.2 \neq 0.3', ['0.1 + 0.2', '0.3'], [F_])
case('relation', r'\frac{1}{3} \simeq 0.3333', ['1/3', '0.3333'], [P_])
case('relation', r'1 = 1 = 1 \approx 1.0', ['1', '1', '1', '1.0'], [P_, P_, P_])
case('relation', r'2 < 3 \le 3 = 3', ['2', '3', '3', '3'], [P_, P_, P_])
case('relation', r'1 + 1 = x = 2', ['2', None, '2'], [P_], note='= carries through a part that cannot be computed')
case('relation', r'1 = x < 3', ['1', None, '3'], [P_])
case('relation', r'1 < x > 0', ['1', None, '0'], note='nothing follows about 1 and 0')
case('relation', r'3 \ne x = 3', ['3', None, '3'], [F_])
case('relation', r'3 \ne x \ne 3', ['3', None, '3'])
case('relation', r'1 \sim 2', ['1', '2'], note='\\sim is not a comparison: the chain ends')
case('relation', r'1 + 1 \Rightarrow 2 = 2', ['2', '2', '2'], [P_])
case('relation', r'a := 2 = 2', [None, '2', '2'], [P_])
case('relation', r'x \in [0, 1]', [None, ['0', '1']])
case('relation', r'H \overset{\text{def}}{=} 1 = 1', [None, '1', '1'], [P_])
case('relation', r'2 \not= 2', ['2', '2'], [F_])
# Line breaks, aligned environments, tags, punctuation
case('layout', r'\begin{aligned} 2 + 2 &= 4 \\ &= 2^{2} \end{aligned}', ['4', '4', '4'], [P_, P_])
case('layout', r'1 + 1 = 2 \\ 3 + 3 = 6', ['2', '2', '6', '6'], [P_, P_])
case('layout', r'1 + 1 = \\ 2', ['2', '2'], [P_])
case('layout', r'1 + 1 = 2 \tag{1}', ['2', '2'], [P_])
case('layout', r'1 + 1 = 2.', ['2', '2'], [P_])
case('layout', r'1 + 1 = 2,', ['2', '2'], [P_])
case('layout', r'1 + 1 = 2 \label{eq:two}', ['2', '2'], [P_])
case('layout', r'\begin{align*} x &= 1 \\ 1 + 1 &= 2 \end{align*}', [None, '1', '2', '2'], [P_])
case('layout', r'1 + 1 = 2 \\[4pt] 2 + 2 = 4', ['2', '2', '4', '4'], [P_, P_])
# Measures of the kl blocks' distributions, and their units
case('measure', r'D_{KL}(P||Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'D_{KL}(P \| Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'\mathrm{KL}(P\|Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'KL(P||Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'D(P\|Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'D_{\mathrm{KL}}(P\parallel Q) \approx 0.415', ['KL(P, Q, "bits")', '0.415'], [P_], kl=BITS)
case('measure', r'H(P, Q) \approx 0.415', ['H(P, "bits", Q)', '0.415'], [P_], kl=BITS)
case('measure', r'H(P,Q) \approx 0.416', ['H(P, "bits", Q)', '0.416'], [F_], kl=BITS)
case('measure', r'H(P) = 0', ['H(P, "bits")', '0'], [P_], kl=BITS)
case('measure', r'H(Q) \approx 0.9918', ['H(Q, "bits")', '0.9918'], [P_], kl=BITS)
case('measure', r'H(P, Q) = H(P) + D_{KL}(P||Q)', ['H(P, "bits", Q)', 'KL(P, Q, "bits")'], [P_], kl=BITS)
case('measure', r'H(P, Q) = \log_2(D_{KL}(P||Q) + H(P))', ['H(P, "bits", Q)', 'log(KL(P, Q, "bits"), 2)'], [F_], kl=BITS, note='the reference note\'s wrong identity')
case('measure', r'\mathrm{CE}(P, Q) \approx 0.415', ['H(P, "bits", Q)', '0.415'], [P_], kl=BITS)
case('measure', r'JS(P||Q) \approx 0.1379', ['JS(P, Q, "bits")', '0.1379'], [P_], kl=BITS)
case('measure', r'D_{KL}(Q||P) = \infty', ['inf', 'inf'], [P_], kl=BITS)
case('measure', r'D_{KL}(P||Q) \ne D_{KL}(Q||P)', ['KL(P, Q, "bits")', 'inf'], [P_], kl=BITS)
case('measure', r'D_{KL}(P||Q) < D_{KL}(Q||P)', ['KL(P, Q, "bits")', 'inf'], [P_], kl=BITS)
case('measure', r'H([0.5, 0.5]) = 1', ['1', '1'], [P_], kl=BITS)
case('measure', r'\mathrm{BCE}(1, 0.9) \approx 0.152', ['BCE(1, 0.9, "bits")', '0.152'], [P_], kl=BITS)
case('measure', r'H(X) = 1', [None, '1'], kl=BITS)
case('measure', r'H(Y|X) = 1', [None, '1'], kl=BITS)
case('measure', r'H(0.5) = 1', [None, '1'], kl=BITS, note='a number is not a distribution')
case('measure', r'H_b(0.5) = 1', [None, '1'], kl=BITS)
case('units', r'D_{KL}(P||Q) \approx 0.2877', ['KL(P, Q, "nats")', '0.2877'], [P_], kl=NATS, note='no units directive: the default, nats')
case('units', r'D_{KL}(P||Q) = -\log_2 0.75', ['KL(P, Q, "bits")', '-log(0.75, 2)'], [P_], kl=NATS, note='no directive: \\log_2 selects bits')
case('units', r'D_{KL}(P||Q) = -\ln 0.75', ['KL(P, Q, "nats")', '-log(0.75)'], [P_], kl=NATS)
case('units', r'D_{KL}(P||Q) = -\log_{10} 0.75', ['KL(P, Q, "bans")', '-log(0.75, 10)'], [P_], kl=NATS)
case('units', r'D_{KL}(P||Q) \approx 0.415 \text{ bits}', ['KL(P, Q, "bits")', '0.415'], [P_], kl=NATS, note='a unit written in the formula')
case('units', r'D_{KL}(P||Q) \approx 0.2877\,\mathrm{nats}', ['KL(P, Q, "nats")', '0.2877'], [P_], kl=BITS)
case('units', r'D_{KL}(P||Q) = 0.415 \text{ bits} \approx 0.2877 \text{ nats}', ['KL(P, Q, "bits")', '0.415', '0.2877'], [P_, P_], kl=BITS, note='different units are converted before comparing')
case('units', r'D_{KL}(P||Q) \approx 0.415', ['KL(P, Q, "nats")', '0.415'], [F_], kl=NATS, note='in nats the divergence is 0.2877')
case('units', r'D_{KL}(P||Q) = -\log_2 0.75', ['KL(P, Q, "nats")', '-log(0.75, 2)'], [F_], kl='units nats\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]', note='a units directive wins over the logarithm')
# Skipped: free symbols, prose in \text{}, constructs that are not read
case('skipped', r'x + 1 = 2', [None, '2'])
case('skipped', r'E = mc^{2}', [None, None])
case('skipped', r'\alpha = 0.5', [None, '0.5'])
case('skipped', r'f(x) = 2', [None, '2'])
case('skipped', r'p(x) = 0.5', [None, '0.5'])
case('skipped', r'\text{loss} = 0.5', [None, '0.5'])
case('skipped', r'1 + 1 = 2 \text{ since one and one make two}', ['2', None])
case('skipped', r'\text{if } x > 0', [None, '0'])
case('skipped', r'\mathbb{E}[X] = 0', [None, '0'])
case('skipped', r'\nabla L = 0', [None, '0'])
case('skipped', r'\frac{\partial L}{\partial z} = 0', [None, '0'])
case('skipped', r'\lim_{n \to \infty} \frac{1}{n} = 0', [None, '0'])
case('skipped', r'\int_0^1 x\,dx = 0.5', [None, '0.5'])
case('skipped', r'ab = 2', [None, '2'])
case('skipped', r'x_i = 3', [None, '3'])
case('skipped', r'|{-2}| = 2', [None, '2'])
case('skipped', r'\pm 1 = 1', [None, '1'])
case('skipped', r'3! = 6', [None, '6'])
case('skipped', r"f'(x) = 1", [None, '1'])
case('skipped', r'\hat{\theta} = 0.5', [None, '0.5'])
# Malformed LaTeX: no crash, no false alarm
case('malformed', r'\frac{1} = 0.5', [None, '0.5'])
case('malformed', r'\frac{1}{2 = 0.5', [None])
case('malformed', r'{1 + 1 = 2', [None])
case('malformed', r'1 + 1 = 2}', ['2', None])
case('malformed', r'\sqrt{', [None])
case('malformed', r'2^{', [None])
case('malformed', r'\log_ = 1', [None, '1'])
case('malformed', r'= 1', [None, '1'])
case('malformed', r'1 + = 2', [None, '2'])
case('malformed', r'\left( 1 + 2 = 3', [None])
case('malformed', r'\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix} = 1', [None, '1'])
case('malformed', r'\begin{bmatrix} 1 & 2 = [1, 2]', [None])
case('malformed', r'\frac{}{} = 1', [None, '1'])
case('malformed', r'\unknowncommand{2} = 2', [None, '2'])
case('malformed', r'1 +', [None])
case('malformed', r'\\', [])
case('malformed', r'2^^2 = 4', [None, '4'])
case('malformed', r'\sum_{i=1} i = 1', [None, '1'])
case('malformed', r'\sum_{i=1}^{3} = 6', [None, '6'])
case('malformed', r'x^ = 1', [None, '1'])
case('malformed', r'1 = = 1', ['1', None, '1'], [P_])
case('malformed', '{' * 300 + '1' + '}' * 300 + ' = 1', [None, '1'], note='nested deeper than the reader goes')
case('malformed', r'\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} = 1', [None, '1'])
case('malformed', r'\frac{1}{2}}{3} = 0.5', [None, '0.5'])
case('malformed', r'\right) 1 = 1', [None, '1'])


def build():
    cases = []
    counts = {}
    for index, entry in enumerate(CASES):
        counts[entry['construct']] = counts.get(entry['construct'], 0) + 1
        built = {'id': f"{entry['construct']}-{counts[entry['construct']]:03d}", **entry}
        built['parts'] = [reference(part) for part in entry['parts']]
        cases.append(built)
    return {
        'generator': 'test/latex/make_corpus.py',
        'mpmath_dps': mp.dps,
        'digits': DIGITS,
        'count': len(cases),
        'constructs': counts,
        'cases': cases,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--check', action='store_true')
    arguments = parser.parse_args()
    text = json.dumps(build(), ensure_ascii=False, indent=1) + '\n'
    if arguments.check:
        with open(OUT, encoding='utf-8') as existing:
            if existing.read() != text:
                sys.exit('corpus.json is out of date: run test/latex/make_corpus.py')
        print('corpus.json is up to date')
        return
    with open(OUT, 'w', encoding='utf-8') as out:
        out.write(text)
    print(f'wrote {OUT}: {len(CASES)} snippets')


if __name__ == '__main__':
    main()
