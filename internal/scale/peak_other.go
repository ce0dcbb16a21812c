//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || darwin)

package scale

import "os"

// peakRSS is 0 (unknown) where the system gives no peak resident memory
// (Windows' os.ProcessState has none): the table then prints 0 B.
func peakRSS(*os.ProcessState) int64 { return 0 }
