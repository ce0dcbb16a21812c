package scale

import (
	"os"
	"syscall"
)

// peakRSS is the process's peak resident memory in bytes, which is how
// macOS gives it.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
