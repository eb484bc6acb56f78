package support_test

import (
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestSupportFile: the support log as CSV and XLSX, with Czech headers and kinds, minutes and hours as numbers;
// a person's file holds their own entries only, as the JSON does.
func TestSupportFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.log(t, "workerA1", day(-3), 90, "mentoring", "S vedoucí")
		e.log(t, "workerA1", day(-2), 30, "intervision", "")
		get := func(query, who string) *apitest.Response {
			return apitest.Expect(t, e.call(t, "GET", "/api/v1/support-log?"+query, who, 0, nil), 200, "", query)
		}
		recs := get("format=csv&delimiter=semicolon&kind=mentoring", "workerA1").CSV(t, ';')
		if len(recs) != 2 || strings.Join(recs[0], ";") != "Datum;Druh podpory;Minuty;Hodiny;Poznámka" {
			t.Fatalf("csv: %q", recs)
		}
		apitest.WantRow(t, "mentoring", recs[1], day(-3)+";mentoring;90;1,5;S vedoucí")
		if recs := get("format=csv", "workerA1").CSV(t, ','); len(recs) != 3 {
			t.Errorf("all of A1's entries: %q", recs)
		}
		if recs := get("format=csv", "workerA2").CSV(t, ','); len(recs) != 1 {
			t.Errorf("A2 sees another's entries: %q", recs)
		}
		book, sheet := get("format=xlsx", "workerA1").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "A2", "C2", "D2")
		if v, _ := book.GetCellValue(sheet, "B3"); sheet != "Záznamy podpory" || v != "mentoring" {
			t.Errorf("xlsx: %q %q", sheet, v)
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/support-log?format=json&delimiter=pipe", "workerA1", 0, nil), 422, "delimiter", "a bad delimiter")
	})
}
