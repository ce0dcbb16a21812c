//go:build js && wasm

package main

import (
	"syscall/js"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// The page sets globalThis.quotetrail.engine = {index: Uint8Array,
// onready: function} and runs this program. It replaces index with
// lookup(text) (or error, a string, when the index is refused) and calls
// onready. A page reading a folder index sets entry (the folder's entry
// file) instead of index: see folder_js.go.
func main() {
	eng := js.Global().Get("quotetrail").Get("engine")
	if eng.Get("entry").Truthy() {
		if why := startFolder(eng); why != "" {
			eng.Set("error", why)
		}
		ready(eng)
		select {} // keep the Go side alive for lookups
	}
	buf, why := indexBytes(eng.Get("index"))
	eng.Delete("index")
	if why != "" {
		eng.Set("error", why)
		ready(eng)
		return
	}
	x, err := index.Read(buf)
	if err != nil {
		eng.Set("error", err.Error())
		ready(eng)
		return
	}
	e := match.New(x)
	lookup := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return js.ValueOf(map[string]any{"query": "", "matches": []any{}})
		}
		res := e.Lookup(args[0].String())
		return toJS(res, e.Entries(res))
	})
	eng.Set("lookup", lookup)
	ready(eng)
	select {} // keep the Go side alive for lookups
}

// indexBytes copies the page's index into Go memory, or says why not: the
// size is checked before anything is copied (index.MaxBytes), and a value
// that is not a Uint8Array is refused rather than left to panic.
func indexBytes(src js.Value) ([]byte, string) {
	if !src.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, "the index is not a Uint8Array"
	}
	n := src.Get("length").Int()
	if err := index.TooLarge(int64(n)); err != nil {
		return nil, err.Error()
	}
	buf := make([]byte, n)
	js.CopyBytesToGo(buf, src)
	return buf, ""
}

func ready(eng js.Value) {
	if cb := eng.Get("onready"); cb.Type() == js.TypeFunction {
		cb.Invoke()
	}
}

// toJS builds the lookup's JSON-contract object as a JavaScript value,
// field by field, so no JSON encoder is linked.
func toJS(res match.Result, entries []match.Entry) js.Value {
	ms := make([]any, len(entries))
	for i, e := range entries {
		m := map[string]any{
			"article": e.Article, "outlet": e.Outlet, "url": e.URL, "title": e.Title,
			"published": e.Published, "quote": e.Quote, "match": e.Match, "score": e.Score,
			"speaker": e.Speaker, "channel": e.Channel, "cue": e.Cue,
			"attribution": e.Attribution, "inferred": e.Inferred,
		}
		m["wording"] = e.Wording
		if len(e.Spelled) > 0 {
			spelled := make([]any, len(e.Spelled))
			for k, d := range e.Spelled {
				spelled[k] = []any{d[0], d[1]}
			}
			m["spelled"] = spelled
		}
		if e.Focus != "" {
			m["focus"] = e.Focus
		}
		if e.Occasion != "" {
			m["occasion"] = e.Occasion
		}
		if e.SpeakerText != "" {
			m["speaker_text"] = e.SpeakerText
		}
		for k, v := range map[string]string{"republishes": e.Republishes, "reuses": e.Reuses,
			"shares_text": e.SharesText, "reuses_outlet": e.ReusesOutlet} {
			if v != "" { // as the JSON contract's omitempty
				m[k] = v
			}
		}
		if len(e.Differs) > 0 { // as the JSON contract's omitempty
			differs := make([]any, len(e.Differs))
			for k, d := range e.Differs {
				differs[k] = []any{d[0], d[1]}
			}
			m["differs"] = differs
		}
		ms[i] = m
	}
	return js.ValueOf(map[string]any{"query": res.Query, "matches": ms, "truncated": res.Truncated,
		"independent": match.Independent(entries)})
}
