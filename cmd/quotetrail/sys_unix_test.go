//go:build unix

package main

import (
	"os"
	"syscall"
)

// mkfifo makes a named pipe, for TestBuildHostileFiles.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// interruptSelf sends the test process the signal of Ctrl-C.
func interruptSelf() error { return syscall.Kill(os.Getpid(), syscall.SIGINT) }
