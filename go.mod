module quotetrail

go 1.26.8

require (
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/andybalholm/brotli v1.2.8
	github.com/tdewolff/minify/v2 v2.24.25
	golang.org/x/net v0.58.0
)

require (
	github.com/andybalholm/cascadia v1.3.4 // indirect
	github.com/tdewolff/parse/v2 v2.8.20 // indirect
	golang.org/x/text v0.41.0 // indirect
)
