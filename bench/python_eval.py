#!/usr/bin/python3
"""What `kl-lens eval` does on the benchmark's document, as a Python process:
load two .npy files and print KL, H and JS (nats) with numpy and scipy.

    python_eval.py FOLDER
"""
import os
import sys

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

folder = sys.argv[1]
p = np.load(os.path.join(folder, "p.npy"))
q = np.load(os.path.join(folder, "q.npy"))
print("KL", entropy(p, q))
print("H", entropy(p))
print("JS", jensenshannon(p, q) ** 2)
