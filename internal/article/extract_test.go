package article

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The pages under testdata/body and testdata/meta are cut-down copies of
// the structures that lost text or dates on the scrapinghub and
// readability benchmark pages (issue 14).

func readTestPage(t *testing.T, name string) *Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

// hasParas checks that each wanted text starts one of the paragraphs and
// that no paragraph starts with an unwanted one.
func hasParas(t *testing.T, name string, got []string, want, unwanted []string) {
	t.Helper()
	starts := func(s string) bool {
		for _, p := range got {
			if strings.HasPrefix(p, s) {
				return true
			}
		}
		return false
	}
	for _, w := range want {
		if !starts(w) {
			t.Errorf("%s: no paragraph %q in %q", name, w, got)
		}
	}
	for _, u := range unwanted {
		if starts(u) {
			t.Errorf("%s: furniture %q kept in %q", name, u, got)
		}
	}
}

// TestBodyDivParagraphs: paragraphs set in <div>s without <p> (CNN) are
// the article; the link list beside them is not.
func TestBodyDivParagraphs(t *testing.T) {
	a := readTestPage(t, "body/div-paragraphs.html")
	hasParas(t, "div-paragraphs", a.Paragraphs,
		[]string{"The major Asian market", "Japan's Nikkei", `"With no significant`, "US stock futures"},
		[]string{"Stocks fall", "Home", "Asian markets mixed"})
	if len(a.Paragraphs) != 4 {
		t.Errorf("%d paragraphs, want 4: %q", len(a.Paragraphs), a.Paragraphs)
	}
}

// TestBodyLooseLines: text set between <br>s in a <div>, after a <p>,
// gives one paragraph a line.
func TestBodyLooseLines(t *testing.T) {
	a := readTestPage(t, "body/loose-lines.html")
	hasParas(t, "loose-lines", a.Paragraphs,
		[]string{"HONOLULU", "The find almost", "Finding water vapor", "The discovery was announced"}, nil)
	if len(a.Paragraphs) != 4 {
		t.Errorf("%d paragraphs, want 4: %q", len(a.Paragraphs), a.Paragraphs)
	}
}

// TestBodyFurnitureNamedWrapper: a page that wraps its article in an
// element named like furniture ("Page-ad-margins") or in an ASP.NET
// <form> still gives its article.
func TestBodyFurnitureNamedWrapper(t *testing.T) {
	a := readTestPage(t, "body/furniture-named-wrapper.html")
	hasParas(t, "furniture-named-wrapper", a.Paragraphs,
		[]string{"The city council", `"This is the biggest`, "Opponents argued"}, nil)
}

// TestBodySplitSiblings: an article split over sibling containers with an
// advertisement between them is read whole, the advertisement and the
// sidebar left out.
func TestBodySplitSiblings(t *testing.T) {
	a := readTestPage(t, "body/split-siblings.html")
	hasParas(t, "split-siblings", a.Paragraphs,
		[]string{"Instagram began", "People will still", "Creators, who are paid", "But Instagram", "It has previously"},
		[]string{"Advertisement", "Most popular"})
}

// TestBodyListsHeadingsPosts: lists and sub-headings inside the article,
// and an embedded post with its signature line, are article text; the
// title (h1) and a list of links are not.
func TestBodyListsHeadingsPosts(t *testing.T) {
	a := readTestPage(t, "body/lists-headings-posts.html")
	hasParas(t, "lists-headings-posts", a.Paragraphs,
		[]string{"Twenty teams", "The teams that qualified", "England (Group A)", "Ukraine (Group B)",
			"I can't thank this man", "— Dele (@dele_official)", "The draw for the group stage"},
		[]string{"Euro 2020 qualifiers", "Who will win", "The five players"})
}

// TestMetadataDates: the publication date comes from JSON-LD (in a CDATA
// section too), a <time> marked as the publication's, or the URL; never
// from a modification date, a comment's time, an embedded video's date
// (microdata scopes) or a copyright year; a page
// that gives none has none.
func TestMetadataDates(t *testing.T) {
	for _, c := range []struct{ page, date, byline string }{
		{"meta/jsonld-cdata.html", "2018-04-05", "Daniel Kahn Gillmor"},
		{"meta/dates-modified-only.html", "", ""},
		{"meta/dates-time-and-url.html", "2015-03-18", "Steven Mufson"},
		{"meta/dates-pubdate-time.html", "2015-05-04", "Martin Untersinger"},
		{"meta/dates-embedded-video.html", "2015-03-11", ""},
	} {
		a := readTestPage(t, c.page)
		if a.Published != c.date || a.Byline != c.byline {
			t.Errorf("%s: published %q byline %q, want %q %q", c.page, a.Published, a.Byline, c.date, c.byline)
		}
	}
}

// TestBylineAuthorsAsThePageWritesThem: JSON-LD's several authors are
// written as the page's visible byline writes them ("Par A et B" on a
// French page, not our English "A and B"), even when a menu of other
// authors comes first (Libération's, more than the eight byline elements
// the metadata walk keeps); a page whose names stand apart (each with its
// bio, NBC's) keeps the names joined as a reader writes them.
func TestBylineAuthorsAsThePageWritesThem(t *testing.T) {
	for _, c := range []struct{ page, byline string }{
		{"meta/jsonld-authors-page-wording.html", "Alexandre Hervaud et Jérémy Piette"},
		{"meta/jsonld-authors-apart.html", "Stella Kim and Jennifer Jett"},
	} {
		if a := readTestPage(t, c.page); a.Byline != c.byline {
			t.Errorf("%s: byline %q, want %q", c.page, a.Byline, c.byline)
		}
	}
}

// TestNamesSpan: the names must all be printed, as whole words, with
// nothing but joining words between them.
func TestNamesSpan(t *testing.T) {
	ab := []string{"Ann Lee", "Bo Chen"}
	for _, c := range []struct {
		text  string
		names []string
		want  string
	}{
		{"By Ann Lee and Bo Chen | Reuters", ab, "Ann Lee and Bo Chen"},
		{"Por BO CHEN y ANN LEE", ab, "BO CHEN y ANN LEE"},
		{"By Ann Lee, Bo Chen & Cy Ng", []string{"Ann Lee", "Bo Chen", "Cy Ng"}, "Ann Lee, Bo Chen & Cy Ng"},
		{"By Ann Lee, Bo Chen, and Cy Ng", []string{"Cy Ng", "Ann Lee", "Bo Chen"}, "Ann Lee, Bo Chen, and Cy Ng"},
		{"Ann Lee reported from Seoul, and Bo Chen from Hong Kong", ab, ""},
		{"Ann Lee Mary Bo Chen", ab, ""},
		{"By Ann Leeds and Bo Chen", ab, ""},
		{"By Ann Lee", ab, ""},
	} {
		if got := namesSpan(c.text, c.names); got != c.want {
			t.Errorf("namesSpan(%q, %q) = %q, want %q", c.text, c.names, got, c.want)
		}
	}
}

// TestBylineText: a byline element's text reduced to its names.
func TestBylineText(t *testing.T) {
	for in, want := range map[string]string{
		"By\n\t\t\tScott Cunningham":                              "Scott Cunningham",
		"By Nathan Willis\n   March 25, 2015":                     "Nathan Willis",
		"Steven Musil January 18, 2017 11:00 PM PST @stevenmusil": "Steven Musil",
		"Nicolas Perriault —":                                     "Nicolas Perriault",
		"por César Salza":                                         "César Salza",
		"Di Fu":                                                   "Di Fu",
		"By Brenda  Goodman, MA\n   WebMD Health News":            "Brenda Goodman, MA",
		strings.Repeat("A long paragraph of words ", 10):          "",
		"Last Updated: January 7, 2025":                           "",
		"by Lucas Nolan22 Dec 2016651":                            "Lucas Nolan",
	} {
		if got := bylineText(in); got != want {
			t.Errorf("bylineText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCleanSpace: the one-pass cleanSpace agrees with the plain
// definition (fields joined by one space).
func TestCleanSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a\u00a0b", "a b", " a\n\tb  c ", "\u3000x\u200By", "x\r\ny"} {
		if got, want := cleanSpace(s), strings.Join(strings.FieldsFunc(s, isSpace), " "); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestBodyNamedArticleBeatsCaptions: a short article in an element named
// for it wins over a photo caption that is longer and fuller of commas
// (readability's class weight; the structure of a CTV News page).
func TestBodyNamedArticleBeatsCaptions(t *testing.T) {
	a := readTestPage(t, "body/short-article-long-captions.html")
	hasParas(t, "short-article-long-captions", a.Paragraphs,
		[]string{"BERLIN -- The European", "The agency said Monday", "Challenges include"},
		[]string{"In this Dec. 12, 2006", "The Associated Press"})
}

// TestBodyCommentsNeverArticle: readers' comments are not the article,
// even under a name that also says "post", and even when the article is
// too short for the strict pass to be trusted.
func TestBodyCommentsNeverArticle(t *testing.T) {
	a := readTestPage(t, "body/short-post-with-comments.html")
	hasParas(t, "short-post-with-comments", a.Paragraphs,
		[]string{"Our goal with hosting", "You can view our June"},
		[]string{"Any update on how", "We haven't yet reviewed", "I skimmed your report"})
}

// TestBodyEmbeddedPost: a post the article embeds is article text even in
// a wrapper named like furniture ("social-media-embed"); the share bar
// beside it is not.
func TestBodyEmbeddedPost(t *testing.T) {
	a := readTestPage(t, "body/embedded-post.html")
	hasParas(t, "embedded-post", a.Paragraphs,
		[]string{"South Dakota's new", "Yes this is real", "— Dianna E. Anderson (@diannaeanderson)", "The governor said"},
		[]string{"Share this story"})
}

// cleanSpaceCopying is cleanSpace as it was before it cut the ends without
// a copy: the reference TestCleanSpaceCut holds it to.
func cleanSpaceCopying(s string) string {
	clean, prevSpace := true, true
	for _, r := range s {
		sp := isSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r) // an invalid byte becomes U+FFFD
	}
	return b.String()
}

// TestCleanSpaceCut: cleanSpace gives what the copying reading gives, on
// every text of the real pages and on texts with invalid bytes, at the
// ends cut or not.
func TestCleanSpaceCut(t *testing.T) {
	texts := []string{"", "  ", " a ", "\n a b\t", " a\xffb ", "a\xffb", " \xff", "\xff ", " a \xff", "\u00a0a ", " a\u00a0", " a  b ", " é ", "\ta\u3000b\n"}
	_, pages := realPages(t)
	for _, data := range pages {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
		}
	}
	for _, s := range texts {
		if got, want := cleanSpace(s), cleanSpaceCopying(s); got != want {
			t.Errorf("cleanSpace(%.80q) = %.80q, want %.80q", s, got, want)
		}
	}
	t.Logf("%d texts", len(texts))
}
