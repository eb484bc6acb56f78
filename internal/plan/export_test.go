package plan_test

import (
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestPlanFile: the plans as CSV and XLSX, with Czech headers and states, counts as numbers; a lead's file has
// the proposed plans of their team and not the drafts, as in JSON.
func TestPlanFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		start, end := day(0, -1, 0), day(0, 11, 0)
		e.planIn(t, "workerA1", "leadA1", "proposed", start, end, day(0, 1, 0))
		e.planIn(t, "workerA2", "leadA1", "draft", start, end, day(0, 1, 0))
		get := func(query, who string) *apitest.Response {
			return apitest.Expect(t, e.call(t, "GET", "/api/v1/plans?"+query, who, 0, nil), 200, "", query+" as "+who)
		}
		recs := get("format=csv&delimiter=semicolon", "leadA1").CSV(t, ';')
		if len(recs) != 2 || strings.Join(recs[0], ";") !=
			"Pracovník;Období od;Období do;Stav;Cíle;Činnosti;Splněné činnosti;Činnosti po termínu;Schváleno;Uzavřeno" {
			t.Fatalf("csv of leadA1: %q", recs)
		}
		apitest.WantRow(t, "the proposed plan", recs[1], "Pracovnice A1;"+start+";"+end+";navrženo ke schválení;1;1;0;0;;")
		for who, n := range map[string]int{"workerA2": 1, "leadB1": 0} {
			if recs := get("format=csv", who).CSV(t, ','); len(recs) != 1+n {
				t.Errorf("%s: %d rows, want %d", who, len(recs)-1, n)
			}
		}
		book, sheet := get("format=xlsx", "workerA2").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "B2", "C2", "E2", "F2")
		if v, _ := book.GetCellValue(sheet, "D2"); sheet != "Individuální plány" || v != "koncept" {
			t.Errorf("xlsx: %q %q", sheet, v)
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/plans?format=xml", "leadA1", 0, nil), 422, "format", "an unknown format")
	})
}
