//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scale

import (
	"os"
	"syscall"
)

// peakRSS is the process's peak resident memory in bytes; these systems
// give it in kilobytes.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) << 10
	}
	return 0
}
