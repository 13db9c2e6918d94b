#!/bin/sh
# Runs a FlowSim study on Kubernetes: applies the shards Job, waits until it has completed or
# failed, then runs the merge Job and prints its log. A failed shard never leaves the merge
# waiting: once a shard has failed its retries (backoffLimitPerIndex), the Job's condition is
# Failed and the wait ends; the merge then runs anyway and refuses (exit 2, nothing written),
# naming the missing shards. `kubectl wait --for=condition=complete` alone would wait on a failed
# Job until its timeout.
#
# First: kubectl apply -f deploy/kubernetes/volume.yaml, and copy the scenario to
# /data/scenarios/study.yaml on that volume. Then, with kubectl pointed at the cluster:
#
#   deploy/kubernetes/submit.sh [TIMEOUT_SECONDS]      (default 86400: one day per Job)
#
# Exit status: 0 when every shard completed and the merge wrote the results; 1 otherwise.
# To run a study again, first: kubectl delete job flowsim-shards flowsim-merge
set -eu
here=$(dirname "$0")
timeout=${1:-86400}
poll=${FLOWSIM_POLL_SECONDS:-30}

# Waits for Job $1 to end: returns 0 when it completed, 1 when it failed, 2 after $timeout seconds.
wait_for_job() {
    deadline=$(($(date +%s) + timeout))
    while :; do
        conditions=$(kubectl get job "$1" -o 'jsonpath={.status.conditions[?(@.status=="True")].type}')
        case " $conditions " in
            *" Complete "*) return 0 ;;
            *" Failed "*) return 1 ;;
        esac
        if [ "$(date +%s)" -ge "$deadline" ]; then
            return 2
        fi
        sleep "$poll"
    done
}

kubectl apply -f "$here/shards-job.yaml"
shards=0
wait_for_job flowsim-shards || shards=$?
if [ "$shards" -eq 2 ]; then
    echo "flowsim-shards has not ended after ${timeout} s; run $0 again to keep waiting" >&2
    exit 1
fi
if [ "$shards" -eq 1 ]; then
    echo "flowsim-shards failed (failed indexes: $(kubectl get job flowsim-shards -o 'jsonpath={.status.failedIndexes}')); the merge names the missing shards" >&2
fi

kubectl delete job flowsim-merge --ignore-not-found
kubectl apply -f "$here/merge-job.yaml"
merge=0
wait_for_job flowsim-merge || merge=$?
kubectl logs job/flowsim-merge || true
if [ "$shards" -ne 0 ] || [ "$merge" -ne 0 ]; then
    echo "the study did not finish: see the merge log above" >&2
    exit 1
fi
echo "merged: results.json and report.html on the volume"
