package training_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

type complianceJSON struct {
	PersonName string `json:"person_name"`
	Year       int    `json:"year"`
	Results    []struct {
		RuleID    string  `json:"rule_id"`
		Applies   bool    `json:"applies"`
		Why       string  `json:"why"`
		Required  float64 `json:"required"`
		Counted   float64 `json:"counted"`
		Remaining float64 `json:"remaining"`
		Deadline  *string `json:"deadline"`
		State     string  `json:"state"`
		Records   []struct {
			RecordID string  `json:"record_id"`
			Source   string  `json:"source"`
			Kind     string  `json:"kind"`
			Title    string  `json:"title"`
			Amount   float64 `json:"amount"`
			Note     string  `json:"note"`
		} `json:"records"`
	} `json:"results"`
}

// rule finds one rule's result.
func (c complianceJSON) rule(t *testing.T, id string) int {
	t.Helper()
	for i, r := range c.Results {
		if r.RuleID == id {
			return i
		}
	}
	t.Fatalf("no result for %s in %+v", id, c.Results)
	return -1
}

// employ gives a fixture person a position, a kind of employment and the day they were hired.
func (e *env) employ(t *testing.T, person uuid.UUID, position, employment string, hired string) {
	t.Helper()
	_, err := e.db.NewUpdate().Table("users").
		Set("position_id = (SELECT id FROM positions WHERE code = ?)", position).
		Set("employment_type = ?, hired_on = ?", employment, hired).
		Where("id = ?", person).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
}

// TestCompliance puts the records of the product through the rules: a certificate of an accredited course and a
// partial attendance count their hours and days, a confirmed external training event is capped at 8 hours
// (§ 111 odst. 2 písm. d)), a pending one does not count, a confirmed ZOZ exam meets § 21 zák. 312/2002 Sb., a
// long absence recorded by the organisation's admin pro-rates the 24 hours (§ 111 odst. 1), and the lead's team
// table shows the same numbers.
func TestCompliance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		a1, a2 := e.w.WorkerA1.ID, e.w.WorkerA2.ID
		e.employ(t, a1, "ospod-social-worker", "official", "2020-03-01")
		e.employ(t, a2, "ospod-social-worker", "employee", "2019-01-01")
		course := e.course(t, "Práce s rodinou", true)
		se, r1, r2, _ := e.heldSession(t, course)
		// The records fall on the Prague day the session was held, and the test reads that day's year: in the
		// first hours of 1 January no whole session can have taken place in the new year yet.
		var held sessionJSON
		e.ok(t, "GET", "/api/v1/sessions/"+se.ID, "providerP", 0, nil, &held, "the held session")
		startsAt, err := time.Parse(time.RFC3339, held.StartsAt)
		if err != nil {
			t.Fatal(err)
		}
		heldOn := startsAt.In(database.Prague)
		year := heldOn.Year()
		inYear := "?year=" + strconv.Itoa(year)
		e.ok(t, "PUT", "/api/v1/sessions/"+se.ID+"/attendance", "providerP", 0,
			entries(entry(r1.ID, "present"), entry(r2.ID, "partial", 90)), &attendanceJSON{}, "attendance")
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/close", "providerP", se.Version, nil, &sessionJSON{}, "close")
		var issued issuedJSON
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/certificates", "providerP", 0, nil, &issued, "issue")

		pdf := certificatePDF(t)
		confirm := func(x externalJSON) {
			e.ok(t, "POST", externals+"/"+x.ID+"/confirm", "leadA1", x.Version, nil, &externalJSON{}, "confirm")
		}
		event := e.recordExternal(t, "workerA1", externalForm(pdf, map[string]string{"form": "training_event", "hours": "10",
			"accreditation_number": "", "title": "Školení GDPR", "date": heldOn.Format(time.DateOnly)}))
		confirm(event)
		zoz := e.recordExternal(t, "workerA1", externalForm(pdf, map[string]string{"form": "exam_zoz", "hours": "",
			"accreditation_number": "", "title": "Zkouška ZOZ", "date": "2021-05-10"}))
		confirm(zoz)
		e.recordExternal(t, "workerA1", externalForm(pdf, map[string]string{"hours": "40", "title": "Nepotvrzený kurz"})) // pending

		var before complianceJSON
		e.ok(t, "GET", "/api/v1/people/"+a1.String()+"/compliance"+inYear, "workerA1", 0, nil, &before, "compliance")
		hours := before.Results[before.rule(t, "zsps-111-hours")]
		if !hours.Applies || hours.Required != 24 || hours.Counted != 16 || hours.Remaining != 8 || before.Year != year {
			t.Fatalf("§ 111 before the absence: %+v", hours)
		}
		var current complianceJSON
		e.ok(t, "GET", "/api/v1/people/"+a1.String()+"/compliance", "workerA1", 0, nil, &current, "without a year")
		if current.Year != time.Now().In(database.Prague).Year() {
			t.Errorf("without a year the compliance is of %d, want this year's", current.Year)
		}
		var cert, capped bool
		for _, r := range hours.Records {
			cert = cert || r.Source == "certificate" && r.RecordID == issued.Items[0].ID && r.Amount == 8 && r.Title == "Práce s rodinou"
			capped = capped || r.Source == "external" && r.Kind == "training_event" && r.Amount == 8 && r.Note != ""
		}
		if !cert || !capped || len(hours.Records) != 2 {
			t.Fatalf("§ 111 records: %+v", hours.Records)
		}
		if z := before.Results[before.rule(t, "official-zoz")]; z.State != "met" || z.Counted != 1 || len(z.Records) != 1 {
			t.Fatalf("ZOZ: %+v", z)
		}
		if d := before.Results[before.rule(t, "spod-standard-6c")]; !d.Applies || d.Counted != 1 || d.Required != 6 {
			t.Fatalf("standard 6c: %+v", d)
		}

		// Parental leave from January to June: 6 months owed, 12 hours.
		var absence struct{ ID string }
		e.ok(t, "POST", "/api/v1/users/"+a1.String()+"/absences", "adminA", 0, map[string]any{
			"starts_on": fmt.Sprintf("%d-01-01", year), "ends_on": fmt.Sprintf("%d-06-30", year), "reason": "parental_leave"}, &absence, "absence")
		var after complianceJSON
		e.ok(t, "GET", "/api/v1/people/"+a1.String()+"/compliance"+inYear, "leadA1", 0, nil, &after, "lead reads")
		if h := after.Results[after.rule(t, "zsps-111-hours")]; h.Required != 12 || h.State != "met" || h.Remaining != 0 {
			t.Fatalf("§ 111 after the absence: %+v", h)
		}

		// The partial attendance: 90 minutes are 2 teaching hours; not an official, so no ZOZ.
		var other complianceJSON
		e.ok(t, "GET", "/api/v1/people/"+a2.String()+"/compliance"+inYear, "adminA", 0, nil, &other, "admin reads")
		if h := other.Results[other.rule(t, "zsps-111-hours")]; h.Counted != 2 || h.Records[0].Source != "attendance" {
			t.Fatalf("partial: %+v", h)
		}
		if z := other.Results[other.rule(t, "official-zoz")]; z.Applies || z.State != "not_applicable" || z.Why == "" {
			t.Fatalf("an employee's ZOZ: %+v", z)
		}

		var team struct {
			Rules []struct {
				RuleID string `json:"rule_id"`
			} `json:"rules"`
			People []struct {
				PersonName string `json:"person_name"`
				Results    []struct {
					RuleID  string  `json:"rule_id"`
					State   string  `json:"state"`
					Counted float64 `json:"counted"`
				} `json:"results"`
			} `json:"people"`
		}
		e.ok(t, "GET", "/api/v1/teams/"+e.w.TeamA1.ID.String()+"/compliance"+inYear, "leadA1", 0, nil, &team, "team")
		if len(team.People) != 2 || team.People[0].PersonName != "Pracovnice A1" || len(team.People[1].Results) != 0 || len(team.Rules) != 5 {
			t.Fatalf("team: %+v", team)
		}
		for _, r := range team.People[0].Results {
			if r.RuleID == "zsps-111-hours" && (r.State != "met" || r.Counted != 16) {
				t.Fatalf("team row: %+v", r)
			}
		}

		// The same table as files: CSV with a BOM (semicolons with decimal commas for Czech Excel) and XLSX with
		// typed cells, a row per member and rule.
		teamPath := "/api/v1/teams/" + e.w.TeamA1.ID.String() + "/compliance"
		csvFile := apitest.Expect(t, e.call(t, "GET", teamPath+inYear+"&format=csv&delimiter=semicolon", "leadA1", 0, nil), 200, "", "csv")
		body := string(csvFile.Body)
		if !strings.HasPrefix(body, "\uFEFFPracovník;Požadavek;Stav;Započteno;Požadováno;Zbývá;Jednotka;Termín\r\n") ||
			!strings.Contains(body, "Pracovnice A1;Další vzdělávání sociálního pracovníka (24 hodin ročně);splněno;16;12;0;hodiny;"+strconv.Itoa(year)+"-12-31\r\n") ||
			!strings.Contains(csvFile.Header.Get("Content-Disposition"), "filename*=UTF-8''Pln%C4%9Bn%C3%AD") {
			t.Errorf("csv: %s %q", csvFile.Header.Get("Content-Disposition"), body)
		}
		xlsx := apitest.Expect(t, e.call(t, "GET", teamPath+inYear+"&format=xlsx", "leadA1", 0, nil), 200, "", "xlsx")
		book, err := excelize.OpenReader(bytes.NewReader(xlsx.Body))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		rows, err := book.GetRows(book.GetSheetName(0))
		if err != nil || len(rows) != 1+5 || rows[0][0] != "Pracovník" {
			t.Fatalf("xlsx rows: %v %v", rows, err)
		}
		// A number cell carries no string type (OOXML's default is a number); the header is text.
		sheet := book.GetSheetName(0)
		if typ, err := book.GetCellType(sheet, "D2"); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("counted is not a number cell: %v %v", typ, err)
		}
		if typ, _ := book.GetCellType(sheet, "A1"); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
			t.Errorf("the header is typed %v", typ)
		}
		if v, _ := book.GetCellValue(sheet, "D2"); v != "16" {
			t.Errorf("counted %q", v)
		}
		apitest.Expect(t, e.call(t, "GET", teamPath+"?format=pdf", "leadA1", 0, nil), 422, "format", "an unknown format")
		apitest.Expect(t, e.call(t, "GET", teamPath+"?format=csv", "workerA2", 0, nil), 404, "", "a file for someone outside")

		for _, bad := range []struct{ query, field string }{{"year=1999", "year"}, {"year=abc", "year"}, {"year=20261", "year"}} {
			apitest.Expect(t, e.call(t, "GET", "/api/v1/people/"+a1.String()+"/compliance?"+bad.query, "workerA1", 0, nil), 422, bad.field, bad.query)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/users/"+a1.String()+"/absences", "adminA", 0, map[string]any{
			"starts_on": "2026-05-01", "ends_on": "2026-04-01", "reason": "illness"}), 422, "ends_on", "inverted absence")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/users/"+a1.String()+"/absences", "adminA", 0, map[string]any{
			"starts_on": "2026-05-01", "ends_on": "2026-06-01", "reason": "holiday"}), 422, "reason", "unknown reason")
		apitest.Expect(t, e.call(t, "DELETE", "/api/v1/users/"+a1.String()+"/absences/"+absence.ID, "adminA", 0, nil), 204, "", "delete absence")
		apitest.Expect(t, e.call(t, "DELETE", "/api/v1/users/"+a1.String()+"/absences/"+absence.ID, "adminA", 0, nil), 404, "", "delete it again")
	})
}

// TestComplianceAuthorization: a person's compliance and absences are theirs, their leads' and their employer's
// admins'; a team's table its leads' and admins'. Everybody else: 404 (or 403 to a member, who sees the team).
func TestComplianceAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		a1 := e.w.WorkerA1.ID.String()
		var absence struct{ ID string }
		e.ok(t, "POST", "/api/v1/users/"+a1+"/absences", "adminA", 0, map[string]any{
			"starts_on": "2026-01-05", "ends_on": "2026-03-01", "reason": "illness"}, &absence, "absence")
		// An absence that would be refused (422) to whoever is let through, so nothing changes.
		inverted := map[string]any{"starts_on": "2026-05-01", "ends_on": "2026-04-01", "reason": "illness"}
		owners := map[string]int{"workerA1": 200, "leadA1": 200, "adminA": 200, "admin": 200}
		rows := []struct {
			name, method, path string
			body               any
			want               map[string]int
			other              int
		}{
			{"a person's compliance", "GET", "/api/v1/people/" + a1 + "/compliance", nil, owners, 404},
			{"a team's compliance", "GET", "/api/v1/teams/" + e.w.TeamA1.ID.String() + "/compliance", nil,
				map[string]int{"leadA1": 200, "adminA": 200, "admin": 200, "workerA1": 403}, 404},
			{"absences", "GET", "/api/v1/users/" + a1 + "/absences", nil,
				map[string]int{"workerA1": 200, "adminA": 200, "admin": 200, "leadA1": 403}, 404},
			{"record an absence", "POST", "/api/v1/users/" + a1 + "/absences", inverted,
				map[string]int{"workerA1": 403, "adminA": 422, "admin": 422, "leadA1": 403}, 404},
			{"delete an absence", "DELETE", "/api/v1/users/" + a1 + "/absences/" + uuid.NewString(), nil,
				map[string]int{"workerA1": 403, "adminA": 404, "admin": 404, "leadA1": 403}, 404},
		}
		for _, r := range rows {
			for _, who := range append(e.w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = 401
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					if got := e.call(t, r.method, r.path, who, 0, r.body); got.Status != want {
						t.Fatalf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
				})
			}
		}
	})
}
