#!/usr/bin/env bash
# bench.sh runs the benchmarks behind issue 13's table, each next to its
# reference in the same run, and prints the table: measure, now (the range
# over the rounds), target.
#
#   scripts/bench.sh            # 3 rounds, the MUD load test for 5 s
#   ROUNDS=5 scripts/bench.sh
#   QUICK=1 scripts/bench.sh    # skip the two 1,000-client load tests
#   TALE_BENCH_BASELINE=/tmp/tale-old scripts/bench.sh
#                               # also start-up and the piped run of that
#                               # build, in the same rounds (the previous path)
#
# The rounds are interleaved (every benchmark once, then again), because
# on a shared machine the neighbours drift over a run. Raw output goes to
# $OUT (default a temp dir), one file per benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
QUICK=${QUICK:-}
OUT=${OUT:-$(mktemp -d -t tale-bench.XXXXXX)}
export TALE_BENCH_SECONDS=${TALE_BENCH_SECONDS:-5}

echo "building test binaries into $OUT" >&2
go test -c -o "$OUT/main.test" .
go test -c -o "$OUT/driver.test" ./driver/
go test -c -o "$OUT/web.test" ./web/
go test -c -o "$OUT/stories.test" ./stories/

# run NAME PKGDIR BINARY ARGS...: one round of one benchmark, appended to
# $OUT/NAME.txt. The binaries run in their package's directory, as go test
# runs them (testdata and the story folders are relative).
run() {
	local name=$1 dir=$2 bin=$3
	shift 3
	(cd "$dir" && "$OUT/$bin" -test.run '^$' -test.benchmem "$@") | grep '^Benchmark' >>"$OUT/$name.txt" || true
}

for r in $(seq "$ROUNDS"); do
	echo "round $r of $ROUNDS" >&2
	run start . main.test -test.bench '^BenchmarkProcessStart$' -test.benchtime 20x
	run piped . main.test -test.bench '^BenchmarkProcessPiped$' -test.benchtime 5x
	run load stories stories.test -test.bench '^BenchmarkLoad$'
	run command driver driver.test -test.bench '^BenchmarkCommand$'
	run ws web web.test -test.bench '^BenchmarkRoundTripWS$/^clients=1$' -test.benchtime 2000x
	run idle web web.test -test.bench '^BenchmarkIdleMemory(Gorilla|Driver)?$' -test.benchtime 1x
	if [ -z "$QUICK" ]; then
		run mud web web.test -test.bench '^BenchmarkMUD1000$/^rooms=6$' -test.benchtime 1x
		run paced web web.test -test.bench '^BenchmarkPaced1000$' -test.benchtime 1x
	fi
done

# metric FILE BENCH UNIT [DIV]: "lo–hi" of UNIT (divided by DIV) over the
# lines of BENCH (a regexp on the name, without the -GOMAXPROCS suffix),
# or "lo" if equal.
metric() {
	awk -v bench="$2" -v unit="$3" -v div="${4:-1}" '
		{ name = $1; sub(/-[0-9]+$/, "", name) }
		name ~ bench {
			for (i = 3; i < NF; i++) if ($(i+1) == unit) {
				v = $i / div
				if (n == 0 || v < lo) lo = v
				if (n == 0 || v > hi) hi = v
				n++
			}
		}
		END {
			if (n == 0) { print "n/a"; exit }
			f = (hi < 100) ? "%.2f" : "%.0f"
			if (lo == hi) printf f "\n", lo
			else printf f "–" f "\n", lo, hi
		}' "$OUT/$1.txt" 2>/dev/null || echo n/a
}

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }

echo
echo "| measure | now ($ROUNDS rounds, range) | target |"
echo "|---|---|---|"
row 'start to first output, `tale --plain`, demo' \
	"median $(metric start '/tale$' p50-µs-to-output 1000) ms built by scripts/build.sh, $(metric start '/gobuild$' p50-µs-to-output 1000) ms by a plain go build (every package tale links, initialised and nothing else: $(metric start '/floor$' p50-µs-to-output 1000) ms; Go hello world $(metric start '/hello$' p50-µs-to-output 1000) ms; exec of /bin/true $(metric start '/true$' ns/op 1e6) ms)" \
	'≤ 4 ms'
row 'loading the demo: compiled form vs YAML (in process)' \
	"$(metric load 'Load/compiled$' ns/op 1000) µs vs $(metric load 'Load/yaml$' ns/op 1000) µs (sum check $(metric load 'Load/sum$' ns/op 1000) µs)" \
	'part of the start-up row'
row "2,000 piped commands, whole process" \
	"$(metric piped 'Piped/tale$' ns/op 1e6) ms ($(metric piped 'Piped/tale$' cmd/s) cmd/s; CPU $(metric piped 'Piped/tale$' cpu-ms/op) ms; plain go build $(metric piped 'Piped/gobuild$' ns/op 1e6) ms; every package tale links, initialised and nothing else: $(metric piped 'Piped/floor$' ns/op 1e6) ms)" \
	'≤ 40 ms'
row 'BenchmarkCommand CPU: examine / look' \
	"$(metric command 'examine' cpu-ns/op 1000) / $(metric command 'look$' cpu-ns/op 1000) µs; $(metric command 'examine' allocs/op) / $(metric command 'look$' allocs/op) allocs" \
	'≤ 4 / ≤ 10 µs, ≤ 20 / ≤ 40 allocs'
row 'WebSocket round trip vs gorilla echo of the same frames, 1 client' \
	"p50 $(metric ws 'clients=1$' tale-p50-µs) vs $(metric ws 'clients=1$' echo-p50-µs) µs ($(metric ws 'clients=1$' p50-ratio)×); p99 $(metric ws 'clients=1$' tale-p99-µs) vs $(metric ws 'clients=1$' echo-p99-µs) µs ($(metric ws 'clients=1$' p99-ratio)×); the echo through one owner goroutine, contract 1's floor: p50 $(metric ws 'clients=1$' owner-p50-µs) µs (tale $(metric ws 'clients=1$' owner-p50-ratio)× of it); CPU per round trip tale / echo / owner $(metric ws 'clients=1/cpu$' tale-cpu-µs/rt) / $(metric ws 'clients=1/cpu$' echo-cpu-µs/rt) / $(metric ws 'clients=1/cpu$' owner-cpu-µs/rt) µs" \
	'≤ 1.2× p50, ≤ 1.5× p99'
row 'memory per idle WebSocket (server heap+stacks)' \
	"$(metric idle 'IdleMemory$' B/conn) B (echo game), $(metric idle IdleMemoryDriver B/conn) B (demo tab) vs bare gorilla $(metric idle IdleMemoryGorilla B/conn) B; heap alone (stacks start at a size the runtime picks per process) $(metric idle 'IdleMemory$' heap-B/conn) / $(metric idle IdleMemoryDriver heap-B/conn) vs $(metric idle IdleMemoryGorilla heap-B/conn) B" \
	'≤ 1.5× bare gorilla'
if [ -z "$QUICK" ]; then
	row 'shared world (MUD), 1,000 clients at 1 cmd/s' \
		"p50 $(metric mud rooms=6 p50-µs) µs, p99 $(metric mud rooms=6 p99-µs) µs, errors $(metric mud rooms=6 errors) (echo seats: tale p99 $(metric paced Paced1000 tale-p99-µs), gorilla p99 $(metric paced Paced1000 echo-p99-µs) µs)" \
		'p99 < 50 ms'
fi
row 'peak RSS, 2,000-command console run' "$(metric piped 'Piped/tale$' peak-RSS-MiB) MiB (plain go build $(metric piped 'Piped/gobuild$' peak-RSS-MiB) MiB; measured the same way: every package tale links, initialised and nothing else, $(metric piped 'Piped/floor$' peak-RSS-MiB) MiB; Go hello world $(metric piped 'Piped/hello$' peak-RSS-MiB) MiB)" '≤ 12 MiB'
if [ -n "${TALE_BENCH_BASELINE:-}" ]; then
	row "baseline build: start / piped / peak RSS" \
		"$(metric start '/baseline$' p50-µs-to-output 1000) ms / $(metric piped 'Piped/baseline$' ns/op 1e6) ms (CPU $(metric piped 'Piped/baseline$' cpu-ms/op) ms) / $(metric piped 'Piped/baseline$' peak-RSS-MiB) MiB" \
		"(same rounds)"
fi
echo
echo "raw output: $OUT" >&2
