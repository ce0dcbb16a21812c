//go:build !linux

package build

import "os"

// readMapped reads the file name (mapfile_linux.go maps it).
func readMapped(name string) ([]byte, error) { return os.ReadFile(name) }
