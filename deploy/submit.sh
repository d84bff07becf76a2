#!/usr/bin/env bash
# spark-submit wrapper for every master. The job jar is the shaded one (Spark provided, DJL and
# libtorch inside); conf/spark-defaults.conf carries the engine's settings.
#
#   deploy/submit.sh local        <nash command ...>   # local[*] on this machine
#   deploy/submit.sh standalone   <nash command ...>   # NASH_MASTER=spark://host:7077
#   deploy/submit.sh yarn         <nash command ...>   # HADOOP_CONF_DIR set, cluster deploy mode
#   deploy/submit.sh k8s          <nash command ...>   # NASH_MASTER=k8s://https://api:6443, NASH_IMAGE=...
#
# Environment: SPARK_HOME (a Spark 4.1.x distribution, Scala 2.13), NASH_JAR (default: the jar in
# target/), NASH_EXECUTORS (default 2), NASH_EXECUTOR_CORES (default 2 = task cpus for training),
# NASH_EXTRA_CONF (more --conf k=v, space-separated), NASH_GPUS_PER_EXECUTOR (default 0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:?usage: deploy/submit.sh local|standalone|yarn|k8s <nash command ...>}"
shift
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1.x (Scala 2.13) distribution}"
jar="${NASH_JAR:-$(ls "$root"/target/nash-*-spark.jar 2>/dev/null | head -1)}"
[[ -f "$jar" ]] || { echo "submit: job jar not found; build it with 'mvn -DskipTests package'" >&2; exit 1; }
executors="${NASH_EXECUTORS:-2}"
cores="${NASH_EXECUTOR_CORES:-2}"
gpus="${NASH_GPUS_PER_EXECUTOR:-0}"

args=(--class io.nash.cli.NashCli --name "nash ${1:-}"
  --properties-file "$root/conf/spark-defaults.conf"
  --conf spark.executor.cores="$cores" --conf spark.task.cpus="$cores"
  --conf spark.driver.extraJavaOptions=-Dai.djl.offline=true
  --conf spark.executor.extraJavaOptions=-Dai.djl.offline=true)
if [[ "$gpus" != 0 ]]; then
  args+=(--conf spark.executor.resource.gpu.amount="$gpus" --conf spark.task.resource.gpu.amount="$gpus"
    --conf spark.executor.resource.gpu.discoveryScript="${NASH_GPU_DISCOVERY:-$root/deploy/gpu/getGpusResources.sh}")
fi
for kv in ${NASH_EXTRA_CONF:-}; do args+=(--conf "$kv"); done

case "$mode" in
  local) args+=(--master "local[*]") ;;
  standalone) args+=(--master "${NASH_MASTER:?spark://host:7077}" --total-executor-cores $((executors * cores))) ;;
  yarn) args+=(--master yarn --deploy-mode cluster --num-executors "$executors") ;;
  k8s)
    args+=(--master "${NASH_MASTER:?k8s://https://<api-server>:6443}" --deploy-mode cluster
      --conf spark.executor.instances="$executors"
      --conf spark.kubernetes.container.image="${NASH_IMAGE:?the image built from deploy/Dockerfile}"
      --conf spark.kubernetes.authenticate.driver.serviceAccountName="${NASH_SERVICE_ACCOUNT:-nash}")
    jar="local:///opt/nash/nash-spark.jar" ;;
  *) echo "submit: mode '$mode': must be local, standalone, yarn or k8s" >&2; exit 2 ;;
esac
exec "$SPARK_HOME/bin/spark-submit" "${args[@]}" "$jar" "$@"
