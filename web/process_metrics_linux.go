package web

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// userHZ is the kernel's clock tick for /proc's times; 100 on every Linux
// Go runs on (the Prometheus client's procfs assumes it too).
const userHZ = 100

// writeProcess writes the process's series under the names the
// Prometheus client's process collector gave them, read from /proc at
// the scrape. A file that cannot be read leaves its series out.
func writeProcess(e *expo) {
	if stat, err := os.ReadFile("/proc/self/stat"); err == nil {
		// Fields after the command name, which is in parentheses and may
		// hold spaces: f[0] is the state, field 3 of proc(5).
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 {
			f := strings.Fields(string(stat[i+1:]))
			field := func(n int) float64 { // n as proc(5) numbers them
				if n-3 >= len(f) {
					return 0
				}
				v, _ := strconv.ParseFloat(f[n-3], 64)
				return v
			}
			e.single("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", (field(14)+field(15))/userHZ)
			e.single("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", field(24)*float64(os.Getpagesize()))
			if boot, ok := bootTime(); ok {
				e.single("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", boot+field(22)/userHZ)
			}
			e.single("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", field(23))
		}
	}
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim) == nil {
		e.single("process_max_fds", "gauge", "Maximum number of open file descriptors.", float64(lim.Cur))
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		e.single("process_open_fds", "gauge", "Number of open file descriptors.", float64(len(fds)))
	}
	if syscall.Getrlimit(syscall.RLIMIT_AS, &lim) == nil {
		e.single("process_virtual_memory_max_bytes", "gauge", "Maximum amount of virtual memory available in bytes.", float64(lim.Cur))
	}
	if in, out, ok := netOctets(); ok {
		e.single("process_network_receive_bytes_total", "counter", "Number of bytes received by the process over the network.", in)
		e.single("process_network_transmit_bytes_total", "counter", "Number of bytes sent by the process over the network.", out)
	}
}

// bootTime is when the machine booted (seconds since the epoch): /proc
// gives a process's start in ticks since then.
func bootTime() (float64, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			t, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return t, err == nil
		}
	}
	return 0, false
}

// netOctets reads the bytes in and out of the process's network
// namespace: the "IpExt:" header and value lines of /proc/self/net/netstat.
func netOctets() (in, out float64, ok bool) {
	b, err := os.ReadFile("/proc/self/net/netstat")
	if err != nil {
		return 0, 0, false
	}
	var names []string
	for line := range strings.Lines(string(b)) {
		rest, found := strings.CutPrefix(line, "IpExt:")
		if !found {
			continue
		}
		if names == nil {
			names = strings.Fields(rest)
			continue
		}
		vals := strings.Fields(rest)
		for i, n := range names {
			if i >= len(vals) {
				break
			}
			v, _ := strconv.ParseFloat(vals[i], 64)
			switch n {
			case "InOctets":
				in, ok = v, true
			case "OutOctets":
				out = v
			}
		}
		return in, out, ok
	}
	return 0, 0, false
}
