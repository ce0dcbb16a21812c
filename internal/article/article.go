package article

// Article is one news article: what the card shows about its outlet and
// the body paragraphs the quote finder reads.
type Article struct {
	Outlet     string   `json:"outlet"`
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Published  string   `json:"published"` // YYYY-MM-DD when known
	Paragraphs []string `json:"-"`
}
