//go:build !unix

package main

import "errors"

// mkfifo: no named pipes here (Windows); TestBuildHostileFiles skips.
func mkfifo(string) error { return errors.ErrUnsupported }

// interruptSelf: a process cannot send itself Ctrl-C here.
func interruptSelf() error { return errors.ErrUnsupported }
