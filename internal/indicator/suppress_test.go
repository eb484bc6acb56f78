package indicator

import (
	"testing"

	"github.com/google/uuid"
)

// TestSuppressed: the primary and complementary suppression on hand-made regions, named by letter.
func TestSuppressed(t *testing.T) {
	ids := map[string]uuid.UUID{}
	for _, c := range "abcde" {
		ids[string(c)] = uuid.MustParse("00000000-0000-0000-0000-00000000000" + string(rune('1'+c-'a')))
	}
	for _, c := range []struct {
		name string
		n    map[string]int
		want string // the hidden ones, in letter order
	}{
		{"all large", map[string]int{"a": 5, "b": 9}, ""},
		{"one small hides the next smallest", map[string]int{"a": 2, "b": 9, "c": 6}, "ac"},
		{"two small together five or more", map[string]int{"a": 2, "b": 3, "c": 6}, "ab"},
		{"two small together fewer than five", map[string]int{"a": 1, "b": 2, "c": 7, "d": 6}, "abd"},
		{"the next smallest is not enough", map[string]int{"a": 1, "b": 5, "c": 5}, "ab"},
		{"ties go by identifier", map[string]int{"a": 4, "c": 6, "b": 6}, "ab"},
		{"empty cells give nothing away", map[string]int{"a": 0, "b": 7, "c": 8}, "a"},
		{"a lone small one", map[string]int{"a": 3}, "a"},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := map[uuid.UUID]int{}
			for k, v := range c.n {
				n[ids[k]] = v
			}
			hidden := suppressed(n)
			got := ""
			for _, k := range "abcde" {
				if hidden[ids[string(k)]] {
					got += string(k)
				}
			}
			if got != c.want {
				t.Fatalf("hidden %q, want %q", got, c.want)
			}
		})
	}
}
