#!/usr/bin/env bash
# Spark's GPU discovery script for a worker or executor, as Spark's own example
# (examples/src/main/scripts/getGpusResources.sh): the addresses of this node's NVIDIA GPUs, as
# the JSON Spark's resource scheduling reads. Give it to Spark with
#   spark.worker.resource.gpu.discoveryScript=/path/to/getGpusResources.sh     (standalone)
#   spark.executor.resource.gpu.discoveryScript=/path/to/getGpusResources.sh   (YARN, k8s)
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed -e ':a' -e 'N' -e'$!ba' -e 's/\n/","/g')
echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
