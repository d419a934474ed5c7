//go:build !linux

package web

// writeProcess has nothing to write where there is no /proc: the process
// series are Linux's (the Prometheus client's collector had little more
// elsewhere).
func writeProcess(*expo) {}
