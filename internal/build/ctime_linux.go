//go:build linux

package build

import (
	"os"
	"syscall"
)

// changeTime is the file's change time (ns): it moves when its bytes or
// its permissions change, or when its modification time is set back.
// 0 when the system does not tell.
func changeTime(fi os.FileInfo) int64 {
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		return s.Ctim.Nano()
	}
	return 0
}
