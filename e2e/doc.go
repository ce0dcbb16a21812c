// Package e2e holds the browser tests: the built site served on 127.0.0.1
// and driven in Debian's Chromium through chromedp, doing what a reader
// does. Without Chromium the tests skip with a message, unless
// QUOTETRAIL_REQUIRE_BROWSER=1 (set by CI), where they fail.
package e2e
