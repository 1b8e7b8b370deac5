"""End-to-end speed of `esgxbrl export` on the Lufax example against Arelle validating the same instance.

Both run as fresh processes, so interpreter start-up and imports count, as they do for a user.
Baseline: Arelle (arelle-release) validating the exported XBRL instance offline with Calculations 1.1
and UTR checks. Prints the median of several runs and the ratio.

    python benchmarks/bench_export.py [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "examples" / "lufax" / "2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    esgxbrl = [str(bin_dir / "esgxbrl")] if (bin_dir / "esgxbrl").exists() else [sys.executable, "-m", "esgxbrl"]
    arelle = str(bin_dir / "arelleCmdLine")
    out = Path(tempfile.mkdtemp(prefix="esgxbrl-bench-"))
    try:
        export_command = [*esgxbrl, "export", str(REPORT), "-o", str(out)]
        subprocess.run(export_command, check=True, capture_output=True)
        outputs = sorted(p.name for p in out.iterdir())
        arelle_command = [arelle, "--file", str(out / "2023.xbrl"), "--packages", str(PACKAGE), "--validate",
                          "--workOffline", "--calc", "c11r", "--utr", "--logLevel", "warning"]
        subprocess.run(arelle_command, check=True, capture_output=True)  # warm the file cache
        ours = [timed(export_command) for _ in range(args.runs)]
        theirs = [timed(arelle_command) for _ in range(args.runs)]
    finally:
        shutil.rmtree(out, ignore_errors=True)
    mine, base = statistics.median(ours), statistics.median(theirs)
    print(f"esgxbrl export (validate + {len(outputs)} files: {', '.join(outputs)}): {mine:.3f} s median of {args.runs}")
    print(f"baseline: Arelle validating the XBRL instance (c11r, UTR, formulas): {base:.3f} s median of {args.runs}")
    print(f"ratio: esgxbrl is {base / mine:.1f}x faster than the baseline")


if __name__ == "__main__":
    main()
