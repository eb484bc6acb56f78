package database

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold makes the search form of a name: lower case without diacritics, so "zdar" finds "Žďár nad Sázavou" on
// both engines (SQLite's lower() knows only ASCII). Tables keep it in a search_text column.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// ContainsPattern is a LIKE pattern (used with ESCAPE '\') matching the folded query anywhere.
func ContainsPattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(Fold(q)) + "%"
}
