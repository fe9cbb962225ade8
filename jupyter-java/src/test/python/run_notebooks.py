#!/usr/bin/env python3
"""Executes notebooks headless with nbclient and stores their outputs in place.

    run_notebooks.py [--kernel NAME] [--timeout SECONDS] [--failed-dir DIR] NOTEBOOK...

Every cell runs in order in a fresh kernel (default: slash-repro-java, the kernel that
jupyter-java/install.sh registers; NotebooksTest passes the one it builds). A notebook whose
cells all succeed is rewritten with its new outputs (no timing metadata, so an unchanged result
leaves an unchanged file); one with a failing or timed-out cell is left as it was, its partial
run is written to --failed-dir, and the exit status is 1. The working directory of each kernel
is the notebook's folder, as in Jupyter.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default="slash-repro-java")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--failed-dir", default=None)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    failures = 0
    for path in args.notebooks:
        path = os.path.abspath(path)
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=args.timeout,
            startup_timeout=120,
            kernel_name=args.kernel,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": os.path.dirname(path)}},
        )
        start = time.time()
        try:
            client.execute()
        except Exception as e:  # CellExecutionError, CellTimeoutError, DeadKernelError
            failures += 1
            print("FAILED %s after %.1f s:\n%s" % (path, time.time() - start, e), flush=True)
            if args.failed_dir:
                os.makedirs(args.failed_dir, exist_ok=True)
                failed = os.path.join(args.failed_dir, os.path.basename(path))
                nbformat.write(nb, failed)
                print("partial run written to %s" % failed, flush=True)
            continue
        nbformat.write(nb, path)
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        print("OK %s: %d code cells in %.1f s" % (path, cells, time.time() - start), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
