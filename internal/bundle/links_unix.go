//go:build unix

package bundle

import (
	"os"
	"syscall"
)

// links returns how many names the file of st has; 0 when unknown.
func links(st os.FileInfo) int {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Nlink)
	}
	return 0
}
