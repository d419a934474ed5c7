package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The process benchmarks run the built tale binary as a user would, so
// they measure what no in-process benchmark sees: the runtime's and every
// package's init, loading the embedded story, and the console's own I/O.
// Each is paired in the same run with the floor the machine sets: exec of
// /bin/true (process spawn) and of a Go hello world (spawn plus the Go
// runtime's start).
//
//	go test . -run '^$' -bench 'Process' -count 3

// pipedCommands is the length of the piped run: the figure.
const pipedCommands = 2000

// binaries builds tale as scripts/build.sh installs it, tale as a plain
// `go build` (or `go run`) makes it, and a Go hello world into the
// benchmark's temp dir (the build cache makes the second time a link).
func binaries(b *testing.B) (tale, goBuilt, hello string) {
	b.Helper()
	dir := b.TempDir()
	tale = releaseBuild(b, filepath.Join(dir, "tale"))
	goBuilt = filepath.Join(dir, "tale-gobuild")
	if out, err := exec.Command("go", "build", "-o", goBuilt, ".").CombinedOutput(); err != nil {
		b.Fatalf("build tale: %v\n%s", err, out)
	}
	return tale, goBuilt, buildSource(b, dir, "hello", helloSource)
}

// releaseBuild builds bin with scripts/build.sh, from files if any (else
// tale itself).
func releaseBuild(b *testing.B, bin string, files ...string) string {
	b.Helper()
	if out, err := exec.Command("scripts/build.sh", append([]string{bin}, files...)...).CombinedOutput(); err != nil {
		b.Fatalf("scripts/build.sh %s: %v\n%s", bin, err, out)
	}
	return bin
}

const helloSource = `package main

import "os"

func main() { os.Stdout.WriteString("hello\n") }
`

// peakSource runs its arguments as a command and writes the command's
// peak RSS (KiB) and CPU (ns) to fd 3. It exists because the benchmark
// cannot ask the kernel itself: os/exec starts a child with vfork, and
// Linux carries the parent's high-water RSS into the child's at exec, so
// the child's rusage never shows less than this test binary's own RSS
// (≈ 20 MiB: a hello world "peaked" there). This small helper is the
// parent instead, and its 2 MiB or so is the floor.
const peakSource = `package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Fprintf(os.NewFile(3, "report"), "%d %d\n", ru.Maxrss, ru.Utime.Nano()+ru.Stime.Nano())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// buildSource builds a one-file program outside the module.
func buildSource(b *testing.B, dir, name, src string) string {
	b.Helper()
	path := filepath.Join(dir, name+".go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", bin, path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build %s: %v\n%s", name, err, out)
	}
	return bin
}

// taleArgs is the console run both benchmarks time: the embedded demo,
// a fixed seed, and a data dir of the benchmark's own.
func taleArgs(b *testing.B) []string {
	return []string{"--plain", "--game", "demo", "--seed", "1", "--data-dir", b.TempDir()}
}

// firstOutput starts name with stdin at EOF and returns the time to the
// first byte on its stdout; it waits for the process to end.
func firstOutput(b *testing.B, name string, args ...string) time.Duration {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+b.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var one [1]byte
	var took time.Duration
	if n, _ := out.Read(one[:]); n == 1 {
		took = time.Since(start)
	}
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	if took == 0 {
		b.Fatalf("%s printed nothing", name)
	}
	return took
}

// BenchmarkProcessStart: time to the first byte `tale --plain` prints
// (stdin closed), built by scripts/build.sh (/tale) and by a plain go
// build (/gobuild), against the spawn floor of /bin/true (to its exit), a
// Go hello world (to its output), and /floor: a hello world that links
// and initialises every package tale does, and does nothing else, which
// is as fast as tale can start while it is one binary with all of them.
// TALE_BENCH_BASELINE=path/to/tale adds another build as /baseline. Each
// reports the mean and, steadier on a shared machine, the median.
func BenchmarkProcessStart(b *testing.B) {
	tale, goBuilt, hello := binaries(b)
	floor := buildFloor(b)
	starts := func(name string, args ...string) func(b *testing.B) {
		return func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				took = append(took, firstOutput(b, name, args...))
			}
			var sum time.Duration
			for _, d := range took {
				sum += d
			}
			slices.Sort(took)
			b.ReportMetric(float64(sum.Microseconds())/float64(len(took)), "µs-to-output")
			b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs-to-output")
		}
	}
	b.Run("tale", starts(tale, taleArgs(b)...))
	b.Run("gobuild", starts(goBuilt, taleArgs(b)...))
	if base := os.Getenv("TALE_BENCH_BASELINE"); base != "" {
		b.Run("baseline", starts(base, taleArgs(b)...))
	}
	b.Run("floor", starts(floor))
	b.Run("hello", starts(hello))
	b.Run("true", func(b *testing.B) {
		for b.Loop() {
			if err := exec.Command("true").Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// buildFloor builds a hello world that imports, for their init alone,
// every package outside the standard library that tale's main package
// depends on (but internal ones, which their importers bring and which a
// file outside their tree may not import).
func buildFloor(b *testing.B) string {
	b.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		b.Fatalf("go list: %v", err)
	}
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n\t\"os\"\n")
	for _, pkg := range strings.Fields(string(out)) {
		internal := slices.Contains(strings.Split(pkg, "/"), "internal")
		if pkg == "github.com/tale-if/tale" || internal {
			continue
		}
		fmt.Fprintf(&src, "\t_ %q\n", pkg)
	}
	src.WriteString(")\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n")
	dir := b.TempDir()
	path, bin := filepath.Join(dir, "floor.go"), filepath.Join(dir, "floor")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	// Built as a file of this module, so that it resolves tale's packages
	// at the versions tale's go.mod names, and the way tale is.
	return releaseBuild(b, bin, path)
}

// BenchmarkProcessPiped: the whole process for pipedCommands lines (the
// demo's walkthrough, then restart, over and over), tale built as
// BenchmarkProcessStart's /tale and /gobuild are, with the child's peak
// RSS and CPU from its rusage (taken by the peak helper: see peakSource).
// TALE_BENCH_BASELINE=path/to/tale adds the same run of another build (the
// previous commit's, say) as /baseline. Measured the same way: /floor, the
// program BenchmarkProcessStart's /floor is (every package tale links,
// initialised, and nothing else), whose peak RSS is tale's while it is one
// binary with all of them (the pages init touches, mostly of the binary
// itself); and /hello, a Go hello world, the Go runtime's own.
func BenchmarkProcessPiped(b *testing.B) {
	tale, goBuilt, hello := binaries(b)
	floor := buildFloor(b)
	peak := buildSource(b, b.TempDir(), "peak", peakSource)
	input := pipedInput(b)
	b.Run("tale", func(b *testing.B) { benchPiped(b, peak, tale, input) })
	b.Run("gobuild", func(b *testing.B) { benchPiped(b, peak, goBuilt, input) })
	if base := os.Getenv("TALE_BENCH_BASELINE"); base != "" {
		b.Run("baseline", func(b *testing.B) { benchPiped(b, peak, base, input) })
	}
	b.Run("floor", func(b *testing.B) { benchPiped(b, peak, floor, input) })
	b.Run("hello", func(b *testing.B) { benchPiped(b, peak, hello, input) })
}

func benchPiped(b *testing.B, peak, tale, input string) {
	var maxRSS, cpu int64
	for b.Loop() {
		in, err := os.Open(input)
		if err != nil {
			b.Fatal(err)
		}
		report, w, err := os.Pipe()
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(peak, append([]string{tale}, taleArgs(b)...)...)
		cmd.Env = append(os.Environ(), "HOME="+b.TempDir())
		cmd.Stdin = in
		cmd.ExtraFiles = []*os.File{w}
		err = cmd.Run()
		in.Close()
		w.Close()
		if err != nil {
			b.Fatal(err)
		}
		var rss, ns int64
		_, err = fmt.Fscan(report, &rss, &ns)
		report.Close()
		if err != nil {
			b.Fatalf("peak helper's report: %v", err)
		}
		maxRSS = max(maxRSS, rss) // KiB on Linux
		cpu += ns
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-RSS-MiB")
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(pipedCommands)*float64(b.N)/b.Elapsed().Seconds(), "cmd/s")
}

// pipedInput writes the walkthrough, each followed by restart, cut at
// pipedCommands lines.
func pipedInput(b *testing.B) string {
	walk, err := os.ReadFile("stories/demo/walkthrough.txt")
	if err != nil {
		b.Fatal(err)
	}
	cycle := strings.Split(strings.TrimRight(string(walk), "\n"), "\n")
	cycle = append(cycle, "restart")
	lines := make([]string, 0, pipedCommands)
	for len(lines) < pipedCommands {
		lines = append(lines, cycle[:min(len(cycle), pipedCommands-len(lines))]...)
	}
	path := filepath.Join(b.TempDir(), "input.txt")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}
