//go:build js && wasm

package main

import "syscall/js"

func main() {
	js.Global().Set("x", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	select {}
}
