//go:build js && wasm

package main

import (
	"syscall/js"

	"quotetrail/internal/match"
)

// The folder index (issue 9): the page fetches the entry and hands it
// over as engine.entry; the engine then answers a lookup in rounds that
// the page drives with its own fetches, since Go in the browser must not
// block on the network (and links no net/http):
//
//	id = begin(text)        start a lookup
//	need(id) → [names]      the parts to fetch now, [] when answered
//	give(id, [Uint8Array])  their bytes, in need's order
//	answer(id) → result     the JSON-contract object (with error when
//	                        the lookup failed); forgets the lookup
//	drop(id)                forgets a lookup the page gave up on
//
// match.Folder keeps every part given, so a later lookup names only the
// parts no earlier one read.

// startFolder opens the folder's entry and sets the lookup functions on
// eng, or says why the entry is refused.
func startFolder(eng js.Value) string {
	buf, why := indexBytes(eng.Get("entry"))
	eng.Delete("entry")
	if why != "" {
		return why
	}
	f, err := match.OpenFolder(buf)
	if err != nil {
		return err.Error()
	}
	type pending struct {
		sel string
		l   *match.FolderLookup
		err string // a hand-over refused before the lookup saw it
	}
	lookups := map[int]*pending{}
	next := 0
	get := func(args []js.Value) *pending {
		if len(args) == 0 || args[0].Type() != js.TypeNumber {
			return nil
		}
		return lookups[args[0].Int()]
	}
	eng.Set("begin", js.FuncOf(func(_ js.Value, args []js.Value) any {
		sel := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			sel = args[0].String()
		}
		next++
		lookups[next] = &pending{sel: sel, l: f.Start(sel)}
		return next
	}))
	eng.Set("need", js.FuncOf(func(_ js.Value, args []js.Value) any {
		p := get(args)
		if p == nil || p.err != "" {
			return js.ValueOf([]any{})
		}
		names := p.l.Need()
		out := make([]any, len(names))
		for i, n := range names {
			out[i] = n
		}
		return js.ValueOf(out)
	}))
	eng.Set("give", js.FuncOf(func(_ js.Value, args []js.Value) any {
		p := get(args)
		if p == nil {
			return "no such lookup"
		}
		// A part is checked for size as the whole index is (index.MaxBytes)
		// before it is copied; a malformed hand-over fails the lookup (an
		// empty give does), never the engine.
		var data [][]byte
		if len(args) > 1 && args[1].InstanceOf(js.Global().Get("Array")) {
			n := args[1].Length()
			data = make([][]byte, n)
			for i := 0; i < n; i++ {
				b, why := indexBytes(args[1].Index(i))
				if why != "" {
					p.err = why
					return why
				}
				data[i] = b
			}
		}
		if err := p.l.Give(data); err != nil {
			return err.Error()
		}
		return ""
	}))
	eng.Set("answer", js.FuncOf(func(_ js.Value, args []js.Value) any {
		p := get(args)
		if p == nil {
			return js.ValueOf(map[string]any{"query": "", "matches": []any{}, "error": "no such lookup"})
		}
		delete(lookups, args[0].Int())
		res, ents, err := p.l.Answer()
		if p.err != "" {
			return js.ValueOf(map[string]any{"query": p.sel, "matches": []any{}, "error": p.err})
		}
		if err != nil {
			return js.ValueOf(map[string]any{"query": p.sel, "matches": []any{}, "error": err.Error()})
		}
		return toJS(res, ents)
	}))
	eng.Set("drop", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if get(args) != nil {
			delete(lookups, args[0].Int())
		}
		return nil
	}))
	return ""
}
