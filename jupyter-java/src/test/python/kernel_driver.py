#!/usr/bin/env python3
"""Drives a Jupyter kernel through jupyter_client, for KernelProtocolTest.

    kernel_driver.py SPEC.json RESULT.json

SPEC: {"kernel": NAME, "timeout": SECONDS, "steps": [STEP, ...]} where a STEP is one of
  {"execute": CODE}                      run a cell
  {"execute": CODE, "interrupt_after": S} run a cell and interrupt it after S seconds
  {"complete": CODE, "cursor": N}        ask for completions
  {"inspect": CODE, "cursor": N}         ask for documentation
RESULT: {"kernel_info": ..., "steps": [{"reply": CONTENT, "outputs": [{"msg_type", "content"}],
  "seconds": S}, ...]}: every IOPub message the step caused (status messages left out) and its
shell reply. The Java test makes the assertions.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def iopub_until_idle(kc, msg_id, timeout):
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                return outputs
            continue
        outputs.append({"msg_type": kind, "content": msg["content"]})


def shell_reply(kc, msg_id, timeout):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    timeout = spec.get("timeout", 60)
    km, kc = start_new_kernel(kernel_name=spec["kernel"], startup_timeout=timeout)
    results = []
    try:
        info = kc.kernel_info(reply=True, timeout=timeout)["content"]
        for step in spec["steps"]:
            start = time.time()
            if "execute" in step:
                msg_id = kc.execute(step["execute"], store_history=True, allow_stdin=False)
                if "interrupt_after" in step:
                    time.sleep(step["interrupt_after"])
                    km.interrupt_kernel()
            elif "complete" in step:
                msg_id = kc.complete(step["complete"], step["cursor"])
            elif "inspect" in step:
                msg_id = kc.inspect(step["inspect"], step["cursor"])
            else:
                raise ValueError("unknown step %r" % step)
            outputs = iopub_until_idle(kc, msg_id, timeout)
            reply = shell_reply(kc, msg_id, timeout)
            results.append({"reply": reply, "outputs": outputs, "seconds": time.time() - start})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump({"kernel_info": info, "steps": results}, f, indent=1, default=str)


if __name__ == "__main__":
    main()
