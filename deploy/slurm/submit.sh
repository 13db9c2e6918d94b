#!/bin/sh
# Submits a FlowSim study to Slurm: an array job runs the shards, and a merge job that starts
# when every shard has ended, succeeded or not (afterany). With afterok, a failed shard would leave
# the merge pending forever; with afterany the merge runs and, if a shard is missing, refuses
# (exit 2, nothing written) and names it in logs/merge.log. Run from the folder that holds the scenario,
# on storage every node sees; the shards and the merge all run from this folder, so the
# scenario path each shard records resolves the same way for the merge.
#
#   deploy/slurm/submit.sh scenarios/study.yaml 1000000 16
#
# Arguments: SCENARIO TRIALS SHARDS [extra 'flowsim run' options such as --seed 7 --attribute]
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 SCENARIO TRIALS SHARDS [flowsim run options...]" >&2
    exit 2
fi

here=$(dirname "$0")
scenario=$1
trials=$2
shards=$3
shift 3
mkdir -p shards logs
export FLOWSIM_SCENARIO="$scenario" FLOWSIM_TRIALS="$trials" FLOWSIM_SHARDS="$shards" FLOWSIM_EXTRA="$*"

shard_job=$(sbatch --parsable --chdir="$PWD" --array="0-$((shards - 1))" --export=ALL "$here/flowsim-shard.sbatch")
merge_job=$(sbatch --parsable --chdir="$PWD" --dependency="afterany:${shard_job}" --export=ALL "$here/flowsim-merge.sbatch")
echo "shards: job ${shard_job} (array 0-$((shards - 1))); merge: job ${merge_job}, after every shard has ended"
