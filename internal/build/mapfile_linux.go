//go:build linux

package build

import (
	"os"
	"syscall"
)

// readMapped returns the bytes of the file name, mapped from the page
// cache rather than copied, and a function that unmaps them (only when
// nothing read from them is kept: strings of the index point into them):
// the last build's index.qti is 576 MB at 100,000 articles, and reading
// it into memory took 0.15–0.25 s of every increment against 7 ms
// mapped. The build never cuts index.qti short while it runs (an append
// writes after the mapped bytes); a file cut short by another program
// meanwhile would stop the build with a fault, as reading a file on a
// failing disk would.
func readMapped(name string) ([]byte, func(), error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.Size() == 0 || int64(int(st.Size())) != st.Size() {
		b, err := os.ReadFile(name)
		return b, func() {}, err
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		b, err := os.ReadFile(name) // a file system that maps nothing
		return b, func() {}, err
	}
	return b, func() { syscall.Munmap(b) }, nil
}
