"""scipy's values for ScipyDriftMethodsTest.

Reads a file of cases, one a line: id, kind, then two comma-separated lists, tab-separated. For kind
"continuous" the lists are the reference and the chunk values: prints the anderson_ksamp statistic
and p-value (midrank variant, table p-value), the cramervonmises_2samp statistic and p-value
(method auto) and energy_distance. For kind "entropy" the lists are the two (smoothed) share
vectors: prints scipy.stats.entropy(p, q). One output line per case: id and its numbers, repr'd.
"""
import sys
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")

with open(sys.argv[1]) as cases, open(sys.argv[2], "w") as out:
    for line in cases:
        case, kind, first, second = line.rstrip("\n").split("\t")
        x = np.array([float(v) for v in first.split(",")])
        y = np.array([float(v) for v in second.split(",")])
        if kind == "continuous":
            # the default variant is midrank in every scipy version (1.17 warns that `variant` will replace
            # `midrank`); older versions name the p-value significance_level
            ad = stats.anderson_ksamp([x, y])
            ad_p = getattr(ad, "pvalue", None)
            ad_p = ad.significance_level if ad_p is None else ad_p
            cvm = stats.cramervonmises_2samp(x, y)
            numbers = [ad.statistic, ad_p, cvm.statistic, cvm.pvalue, stats.energy_distance(x, y)]
        else:
            numbers = [stats.entropy(x, y)]
        out.write(case + "\t" + "\t".join(repr(float(v)) for v in numbers) + "\n")
