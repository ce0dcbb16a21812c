package scale

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/heapprofiler"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// session is one fresh Chromium with its own empty profile, so every
// measurement starts with a cold HTTP cache and a new renderer.
type session struct {
	ctx     context.Context
	cancel  func()
	browser int // pid of the browser process
}

// ChromiumOptions starts a headless Chromium as the benchmarks and the
// browser tests run it: its own profile, no sandbox or GPU, nothing
// fetched in the background, a 1280×900 window.
func ChromiumOptions(exe, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
}

func newSession(chromium string, timeout time.Duration) (*session, error) {
	profile, err := os.MkdirTemp("", "quotetrail-scale-chromium")
	if err != nil {
		return nil, err
	}
	opts := append(ChromiumOptions(chromium, profile),
		// The sites are served over HTTP/2, as from a CDN, with a
		// certificate made for the run.
		chromedp.Flag("ignore-certificate-errors", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	s := &session{ctx: ctx, cancel: func() { cancelT(); cancelC(); cancelA(); os.RemoveAll(profile) }}
	if err := chromedp.Run(ctx); err != nil { // starts the browser
		s.cancel()
		return nil, err
	}
	if p := chromedp.FromContext(ctx).Browser.Process(); p != nil {
		s.browser = p.Pid
	}
	return s, nil
}

// open loads url and waits until the page's look-up function is defined.
func (s *session) open(url string) error {
	if err := chromedp.Run(s.ctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var ok bool
		if err := chromedp.Run(s.ctx, chromedp.Evaluate(`typeof window.__look === 'function'`, &ok)); err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return fmt.Errorf("%s did not define its look-up function", url)
}

func awaitPromise(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// timed looks every query up in turn, in the page, and returns each
// look-up's milliseconds from the call to its promise resolving, and the
// number of results of each.
func (s *session) timed(queries []string) ([]float64, []int, error) {
	var out struct {
		MS []float64 `json:"ms"`
		N  []int     `json:"n"`
	}
	js := `(async (qs) => {
  const ms = [], n = [];
  for (const q of qs) {
    const t0 = performance.now();
    const k = await window.__look(q);
    ms.push(performance.now() - t0);
    n.push(k);
  }
  return {ms, n};
})(` + jsonString(queries) + `)`
	err := chromedp.Run(s.ctx, chromedp.Evaluate(js, &out, awaitPromise))
	return out.MS, out.N, err
}

// rendererMemory collects the page's garbage and returns the anonymous
// resident memory (RssAnon: heaps, WebAssembly memories; not shared
// library pages) of all of this browser's renderer processes. The engine
// of either tool runs in the renderer, in the page or in a dedicated
// worker, so this holds both tools' JavaScript heaps and wasm memories.
func (s *session) rendererMemory() (int64, error) {
	if err := chromedp.Run(s.ctx, heapprofiler.CollectGarbage()); err != nil {
		return 0, err
	}
	time.Sleep(500 * time.Millisecond)
	if s.browser == 0 {
		return 0, fmt.Errorf("no browser process id")
	}
	return renderersAnon(s.browser)
}

// renderersAnon sums RssAnon over the renderer processes descended from pid.
func renderersAnon(pid int) (int64, error) {
	parent := map[int]int{}
	dirs, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after ')'.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		if len(f) > 1 {
			pp, _ := strconv.Atoi(f[1])
			parent[p] = pp
		}
	}
	var total int64
	found := false
	for p := range parent {
		up := p
		for k := 0; k < 8 && up > 1 && up != pid; k++ {
			up = parent[up]
		}
		if up != pid || p == pid {
			continue
		}
		cmd, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", p))
		if !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(st), "\n") {
			if strings.HasPrefix(line, "RssAnon:") {
				kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
				total += kb << 10
				found = true
			}
		}
	}
	if !found {
		return 0, fmt.Errorf("no renderer process under browser %d", pid)
	}
	return total, nil
}

// jsonString is qs as a JavaScript array literal (JSON is one).
func jsonString(qs []string) string {
	b, _ := json.Marshal(qs)
	return string(b)
}

// percentile returns the p-th percentile (0..1) of xs, nearest rank.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k := int(p*float64(len(s))+0.999999) - 1
	return s[max(0, min(len(s)-1, k))]
}
