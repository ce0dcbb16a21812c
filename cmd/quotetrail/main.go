// Command quotetrail builds the quotetrail site and index from a corpus of
// news pages, serves it, and answers the widget's lookups on the command
// line.
//
//	quotetrail build   [-corpus DIR] [-out DIR]
//	quotetrail serve   [-dir DIR] [-addr 127.0.0.1:8080]
//	quotetrail lookup  [-index PATH] [-json] TEXT
//	quotetrail extract [-json] FILE...
//	quotetrail eval    polnear DIR | pages DIR | seeds GOLD
//
// Exit status: 0 on success, 1 when lookup finds no outlet or some file
// could not be used, 2 on a usage or fatal error.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  quotetrail build   [-corpus PATH]... [-out DIR] [-www DIR] [-wasm FILE] [-workers N] [-name TEXT] [-about TEXT]
  quotetrail serve   [-dir DIR] [-addr 127.0.0.1:8080]
  quotetrail lookup  [-index PATH] [-json] TEXT   (TEXT "-" or absent: read standard input; PATH: $QUOTETRAIL_INDEX, else dist/index, else dist/index.qti)
  quotetrail extract [-json] FILE|DIR|-...
  quotetrail eval    polnear|pages|seeds|lookups|basil ...   (quality against ../shared/data)
  quotetrail bench   [-sizes 5,1000,10000,100000] [-wasm FILE]  (lookup latency and index size)
  quotetrail bench-scale [-sizes 1000,10000] [-runs 3] [-index URL] [-reuse]  (beside Pagefind, in Chromium)
  quotetrail version
Flags may come before or after the arguments; "--" ends them. -h after a command shows its flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its streams passed in so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func([]string, io.Reader, io.Writer, io.Writer) int{
		"build": cmdBuild, "serve": cmdServe, "lookup": cmdLookup, "extract": cmdExtract, "eval": cmdEval, "bench": cmdBench,
		"bench-scale": cmdBenchScale,
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "quotetrail "+version())
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "quotetrail: unknown command %q\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:], stdin, stdout, stderr)
}
