package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// binaries builds tale and a Go hello world into the benchmark's temp dir
// (the build cache makes the second time a link).
func binaries(b *testing.B) (tale, hello string) {
	b.Helper()
	dir := b.TempDir()
	tale, hello = filepath.Join(dir, "tale"), filepath.Join(dir, "hello")
	if out, err := exec.Command("go", "build", "-o", tale, ".").CombinedOutput(); err != nil {
		b.Fatalf("build tale: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", hello, src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build hello: %v\n%s", err, out)
	}
	return tale, hello
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
// (stdin closed), against the spawn floor of /bin/true (to its exit) and
// a Go hello world (to its output); TALE_BENCH_BASELINE=path/to/tale adds
// another build as /baseline.
func BenchmarkProcessStart(b *testing.B) {
	tale, hello := binaries(b)
	b.Run("tale", func(b *testing.B) {
		var sum time.Duration
		for b.Loop() {
			sum += firstOutput(b, tale, taleArgs(b)...)
		}
		b.ReportMetric(float64(sum.Microseconds())/float64(b.N), "µs-to-output")
	})
	if base := os.Getenv("TALE_BENCH_BASELINE"); base != "" {
		b.Run("baseline", func(b *testing.B) {
			var sum time.Duration
			for b.Loop() {
				sum += firstOutput(b, base, taleArgs(b)...)
			}
			b.ReportMetric(float64(sum.Microseconds())/float64(b.N), "µs-to-output")
		})
	}
	b.Run("hello", func(b *testing.B) {
		var sum time.Duration
		for b.Loop() {
			sum += firstOutput(b, hello)
		}
		b.ReportMetric(float64(sum.Microseconds())/float64(b.N), "µs-to-output")
	})
	b.Run("true", func(b *testing.B) {
		for b.Loop() {
			if err := exec.Command("true").Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkProcessPiped: the whole process for pipedCommands lines (the
// demo's walkthrough, then restart, over and over), with the child's peak
// RSS and CPU from its rusage. TALE_BENCH_BASELINE=path/to/tale adds the
// same run of another build (the previous commit's, say) as /baseline.
func BenchmarkProcessPiped(b *testing.B) {
	tale, _ := binaries(b)
	input := pipedInput(b)
	b.Run("tale", func(b *testing.B) { benchPiped(b, tale, input) })
	if base := os.Getenv("TALE_BENCH_BASELINE"); base != "" {
		b.Run("baseline", func(b *testing.B) { benchPiped(b, base, input) })
	}
}

func benchPiped(b *testing.B, tale, input string) {
	var maxRSS, cpu int64
	for b.Loop() {
		in, err := os.Open(input)
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(tale, taleArgs(b)...)
		cmd.Env = append(os.Environ(), "HOME="+b.TempDir())
		cmd.Stdin = in
		err = cmd.Run()
		in.Close()
		if err != nil {
			b.Fatal(err)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		maxRSS = max(maxRSS, ru.Maxrss) // KiB on Linux
		cpu += ru.Utime.Nano() + ru.Stime.Nano()
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
