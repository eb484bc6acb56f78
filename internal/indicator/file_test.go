package indicator

import (
	"context"
	"testing"
)

// TestFileNamesDomains: in the file a domain is its code and its name in the version in force; a code that
// version does not know stays a code.
func TestFileNamesDomains(t *testing.T) {
	gap, n := 0.4, 7
	in := &Indicators{Scope: ScopeOrganization, Name: "Městský úřad Alfa", Period: "2025", Indicators: []Value{
		{Indicator: GapMean, Kind: "K1", Unit: UnitLevel, Value: &gap, N: &n},
		{Indicator: GapMean, Kind: "D7", Unit: UnitLevel, Suppressed: true},
	}}
	var kinds []any
	err := in.table(map[string]string{"K1": "Právní rámec a správní řízení"}).Rows(context.Background(), func(values ...any) error {
		kinds = append(kinds, values[2])
		return nil
	})
	if err != nil || len(kinds) != 2 || kinds[0] != "K1 Právní rámec a správní řízení" || kinds[1] != "D7" {
		t.Errorf("kinds %q %v", kinds, err)
	}
}
