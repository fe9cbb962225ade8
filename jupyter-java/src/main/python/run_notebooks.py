#!/usr/bin/env python3
"""Executes notebooks headless with nbclient.

    run_notebooks.py [--kernel NAME] [--timeout SECONDS] [--out DIR] [--failed-dir DIR] NOTEBOOK...

Every cell runs in order in a fresh kernel (default: slash-repro-java, the kernel that
jupyter-java/install.sh registers). The working directory of each kernel is the notebook's own
folder, as in Jupyter, wherever the executed copy goes.

A notebook whose cells all succeed is written with its new outputs (no timing metadata, so an
unchanged result leaves an unchanged file): to --out DIR under its own name if given (the notebook
itself is never touched; NotebooksTest uses jupyter-java/target/notebooks), else over the notebook
itself (`./slash notebook execute`, the explicit way the committed notebooks change). One with a
failing or timed-out cell is written nowhere but --failed-dir (its partial run), and the exit
status is 1.
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
    parser.add_argument("--out", default=None,
                        help="write executed notebooks here instead of over the notebooks")
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
        target = path
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            target = os.path.join(os.path.abspath(args.out), os.path.basename(path))
        nbformat.write(nb, target)
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        print("OK %s: %d code cells in %.1f s -> %s" % (path, cells, time.time() - start, target),
              flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
