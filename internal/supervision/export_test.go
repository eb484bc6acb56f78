package supervision_test

import (
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestSupervisionFile: the supervision sessions as CSV and XLSX, with Czech headers and words, times in Prague;
// the lead, the supervisor and the participants get the series, anyone else an empty file, as in JSON.
func TestSupervisionFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, e.teamSeries(), nil)
		get := func(query, who string) *apitest.Response {
			return apitest.Expect(t, e.call(t, "GET", "/api/v1/supervision/sessions?"+query, who, 0, nil), 200, "", query+" as "+who)
		}
		recs := get("format=csv&delimiter=semicolon", "leadA1").CSV(t, ';')
		if len(recs) != 7 || strings.Join(recs[0], ";") != "Tým;Druh supervize;Supervizor;Začátek;Konec;Místo;Stav;Účastníci;Zúčastnilo se;Potvrzeno" {
			t.Fatalf("csv: %q", recs)
		}
		apitest.WantRow(t, "the first session", recs[1], "Tým A1;týmová;Supervizorka;2027-09-07 09:00;2027-09-07 11:00;Alfa, zasedačka;naplánováno;*;0;")
		if !strings.Contains(recs[1][7], "Pracovnice A1") {
			t.Errorf("participants: %q", recs[1][7])
		}
		for who, n := range map[string]int{"supervisor": 6, "workerA1": 6, "workerA2": 0, "leadB1": 0} {
			if recs := get("format=csv", who).CSV(t, ','); len(recs) != 1+n {
				t.Errorf("%s: %d rows, want %d", who, len(recs)-1, n)
			}
		}
		book, sheet := get("format=xlsx&from=2027-10-01", "leadA1").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "D2", "E2", "I2")
		if rows, _ := book.GetRows(sheet); sheet != "Supervize" || len(rows) != 6 {
			t.Errorf("xlsx from October: %q %d rows", sheet, len(rows))
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/supervision/sessions?format=ods", "leadA1", 0, nil), 422, "format", "an unknown format")
	})
}
