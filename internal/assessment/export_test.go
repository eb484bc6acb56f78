package assessment_test

import (
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestAssessmentFile: the assessments as CSV and XLSX, with Czech headers and states and the person's name; a
// draft is in its author's file only, as in JSON.
func TestAssessmentFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		tok := apitest.NewWorld(t, s).Tokens(t, s)
		started := apitest.Expect(t, s.Post(t, "/api/v1/assessments", tok["workerA1"], nil), 201, "", "start")
		if name := started.Map(t)["person_name"]; name != "Pracovnice A1" {
			t.Errorf("the started assessment's person: %v", name)
		}
		get := func(query, who string) *apitest.Response {
			return apitest.Expect(t, s.Get(t, "/api/v1/assessments?"+query, tok[who]), 200, "", query+" as "+who)
		}
		recs := get("format=csv&delimiter=semicolon", "workerA1").CSV(t, ';')
		if len(recs) != 2 || strings.Join(recs[0], ";") != "Pracovník;Stav;Termín;Zahájeno;Odesláno;Projednáno;Dohodnuto;Komentář vedoucího" {
			t.Fatalf("csv: %q", recs)
		}
		apitest.WantRow(t, "the draft", recs[1], "Pracovnice A1;rozpracované;*;*;;;;")
		for _, who := range []string{"leadA1", "workerB1"} {
			if recs := get("format=csv", who).CSV(t, ','); len(recs) != 1 {
				t.Errorf("%s sees another's draft: %q", who, recs)
			}
		}
		book, sheet := get("format=xlsx&state=draft", "workerA1").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "C2", "D2")
		if v, _ := book.GetCellValue(sheet, "A2"); sheet != "Hodnocení" || v != "Pracovnice A1" {
			t.Errorf("xlsx: %q %q", sheet, v)
		}
		apitest.Expect(t, s.Get(t, "/api/v1/assessments?format=CSV", tok["workerA1"]), 422, "format", "an unknown format")
	})
}
