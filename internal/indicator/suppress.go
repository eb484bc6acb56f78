package indicator

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
)

// MinCell is the fewest people a shown value may describe.
const MinCell = 5

// suppressed decides which organisations' cells of one indicator in one region are hidden, from how many people each
// describes. A cell of fewer than MinCell people is hidden (primary suppression). The region's total is shown when it
// describes MinCell people or more, so the hidden cells together can be worked out as the total minus the shown
// ones; while they together describe 1 to MinCell−1 people, the shown cell of the fewest people (then the lowest
// identifier) is hidden as well (complementary suppression). Hidden cells of no people at all give nothing away.
func suppressed(n map[uuid.UUID]int) map[uuid.UUID]bool {
	hidden := map[uuid.UUID]bool{}
	var shown []uuid.UUID
	group := 0
	for id, k := range n {
		if k < MinCell {
			hidden[id] = true
			group += k
		} else {
			shown = append(shown, id)
		}
	}
	slices.SortFunc(shown, func(a, b uuid.UUID) int {
		return cmp.Or(cmp.Compare(n[a], n[b]), slices.Compare(a[:], b[:]))
	})
	for ; group > 0 && group < MinCell && len(shown) > 0; shown = shown[1:] {
		hidden[shown[0]] = true
		group += n[shown[0]]
	}
	return hidden
}
