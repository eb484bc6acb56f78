package training_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// importJSON is an attendance import's answer as the tests read it.
type importJSON struct {
	Rows []struct {
		Row            int     `json:"row"`
		RegistrationID *string `json:"registration_id"`
		PersonName     *string `json:"person_name"`
		Status         *string `json:"status"`
		Minutes        *int    `json:"minutes"`
		Problems       []struct {
			Field string `json:"field"`
			Code  string `json:"code"`
		} `json:"problems"`
	} `json:"rows"`
	Valid      bool            `json:"valid"`
	Attendance *attendanceJSON `json:"attendance"`
}

// upload sends an attendance file of a session as a fixture person, with query appended to the path.
func (e *env) upload(t *testing.T, sessionID, query, who, ctype string, file string) *apitest.Response {
	t.Helper()
	return e.s.Do(t, apitest.Request{Method: "POST", Path: "/api/v1/sessions/" + sessionID + "/attendance/import" + query,
		Token: e.tok[who], Body: []byte(file), Headers: map[string]string{"Content-Type": ctype}})
}

// problemCodes lists a preview's problems as "line:field:code".
func (im importJSON) problemCodes() []string {
	var out []string
	for _, r := range im.Rows {
		for _, p := range r.Problems {
			out = append(out, fmt.Sprintf("%d:%s:%s", r.Row, p.Field, p.Code))
		}
	}
	return out
}

// TestAttendanceImport previews and records attendance from CSV files: Czech and English headers, semicolons and
// commas, a BOM; every row's problems listed and nothing saved while any row is wrong; files that are not an
// attendance list refused whole; only the session's provider; a closed session only as an audited amendment.
func TestAttendanceImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		se, a1, a2, _ := e.heldSession(t, e.course(t, "Práce s rodinou", true))
		attendance := func() attendanceJSON {
			var got attendanceJSON
			e.ok(t, "GET", "/api/v1/sessions/"+se.ID+"/attendance", "providerP", 0, nil, &got, "attendance")
			return got
		}
		recorded := func() map[string]string {
			out := map[string]string{}
			for _, it := range attendance().Items {
				if it.Status != nil {
					out[it.RegistrationID] = *it.Status
				}
			}
			return out
		}

		// Czech Excel: a BOM, semicolons, Czech headers and statuses, an ignored column, a blank row.
		good := "\xEF\xBB\xBFJméno;E-mail;Stav;Minuty;Poznámka\r\nPracovnice A1;;Přítomna;;\r\n;;;;\r\n;WORKER.A2@test.cz;částečně;90;odešla dřív\r\n"
		var preview importJSON
		apitest.Expect(t, e.upload(t, se.ID, "?dry_run=true", "providerP", "text/csv", good), 200, "", "preview").JSON(t, &preview)
		if !preview.Valid || len(preview.Rows) != 2 || preview.Attendance != nil ||
			*preview.Rows[0].RegistrationID != a1.ID || *preview.Rows[0].Status != "present" || preview.Rows[0].Row != 2 ||
			*preview.Rows[1].RegistrationID != a2.ID || *preview.Rows[1].Status != "partial" || *preview.Rows[1].Minutes != 90 || preview.Rows[1].Row != 4 {
			t.Fatalf("preview: %+v", preview)
		}
		if len(recorded()) != 0 {
			t.Fatal("a preview saved attendance")
		}

		// Every row's problems at once, in English with commas.
		bad := "name,email,status,minutes\n" +
			",worker.b1@test.cz,present,\n" + // 2: waitlisted, not confirmed
			",nobody@test.cz,present,\n" + // 3: nobody registered
			"Pracovnice A1,,asleep,\n" + // 4: unknown status
			",worker.a2@test.cz,partial,\n" + // 5: partial without minutes
			",worker.a1@test.cz,absent,\n" + // 6: A1 again
			"Nikdo Neznámý,,present,\n" + // 7: nobody of that name
			",,excused,\n" + // 8: names nobody
			",worker.a2@test.cz,absent,abc\n" // 9: A2 again, minutes not a number
		apitest.Expect(t, e.upload(t, se.ID, "?dry_run=true", "providerP", "text/csv", bad), 200, "", "bad preview").JSON(t, &preview)
		want := []string{"2:email:not_registered", "3:email:unknown_person", "4:status:unknown_status", "5:minutes:range",
			"6:email:duplicate", "7:name:unknown_person", "8:email:required", "9:email:duplicate", "9:minutes:type"}
		if got := preview.problemCodes(); preview.Valid || !slices.Equal(got, want) {
			t.Fatalf("problems: %v, want %v", got, want)
		}
		r := apitest.Expect(t, e.upload(t, se.ID, "", "providerP", "text/csv", bad), 422, "rows[0].email", "import a bad file")
		for _, field := range []string{"rows[2].status", "rows[3].minutes", "rows[7].minutes"} {
			if !strings.Contains(string(r.Body), `"field":"`+field+`"`) {
				t.Fatalf("the problem does not name %s: %s", field, r.Body)
			}
		}
		if len(recorded()) != 0 {
			t.Fatal("a refused file saved attendance")
		}

		for _, f := range []struct{ what, file string }{
			{"an empty file", ""},
			{"only a BOM and blank lines", "\xEF\xBB\xBF\n\n"},
			{"a header without rows", "email;status\n"},
			{"wrong columns", "osoba;výsledek\nPracovnice A1;přítomna\n"},
			{"no status column", "email,minutes\nworker.a1@test.cz,10\n"},
			{"a column twice", "email,e-mail,status\nworker.a1@test.cz,worker.a1@test.cz,present\n"},
			{"a binary file", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"},
			{"not UTF-8 (windows-1250)", "jm\xe9no;stav\nPracovnice A1;p\xf8\xedtomna\n"},
			{"broken quoting", "email,status\n\"worker.a1@test.cz,present\n"},
			{"too many rows", "email,status\n" + strings.Repeat("x@test.cz,present\n", 2001)},
		} {
			apitest.Expect(t, e.upload(t, se.ID, "?dry_run=true", "providerP", "text/csv", f.file), 422, "file", f.what)
		}
		apitest.Expect(t, e.upload(t, se.ID, "", "providerP", "text/csv", "email,status\n"+strings.Repeat("x", 1<<20)), 413, "", "a file too large")
		apitest.Expect(t, e.upload(t, se.ID, "", "providerP", "application/json", good), 415, "", "not CSV")
		apitest.Expect(t, e.upload(t, se.ID, "?dry_run=maybe", "providerP", "text/csv", good), 422, "dry_run", "a bad dry_run")
		apitest.Expect(t, e.upload(t, se.ID, "?dry_run=true", "workerA1", "text/csv", good), 403, "", "a participant previews")
		apitest.Expect(t, e.upload(t, se.ID, "", "leadB1", "text/csv", good), 403, "", "a lead imports")
		apitest.Expect(t, e.upload(t, "0190a9b8-0000-7000-8000-000000000000", "", "providerP", "text/csv", good), 404, "", "no such session")

		apitest.Expect(t, e.upload(t, se.ID, "?reason=Oprava", "providerP", "text/csv", good), 422, "reason", "a reason before closing")
		var done importJSON
		apitest.Expect(t, e.upload(t, se.ID, "", "providerP", "text/plain; charset=utf-8", good), 200, "", "import").JSON(t, &done)
		if got := recorded(); !done.Valid || done.Attendance == nil || len(done.Attendance.Items) != 2 || got[a1.ID] != "present" || got[a2.ID] != "partial" {
			t.Fatalf("imported: %+v, recorded %v", done, got)
		}

		var closed sessionJSON
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/close", "providerP", se.Version, nil, &closed, "close")
		fix := "email,status\nworker.a2@test.cz,present\n"
		apitest.Expect(t, e.upload(t, se.ID, "", "providerP", "text/csv", fix), 409, "session", "a closed session without a reason")
		apitest.Expect(t, e.upload(t, se.ID, "?reason=Doložila+účast+podpisem.", "providerP", "text/csv", fix), 200, "", "an amendment")
		if got := recorded(); got[a2.ID] != "present" || got[a1.ID] != "present" {
			t.Fatalf("amended: %v", got)
		}
		var actions []string
		if err := db.NewSelect().Table("audit_log").Column("action").Where("entity = 'session' AND entity_id = ?", se.ID).
			OrderExpr("at, id").Scan(context.Background(), &actions); err != nil {
			t.Fatal(err)
		}
		if want := []string{"create", "record_attendance", "close", "amend_attendance"}; !slices.Equal(actions, want) {
			t.Fatalf("audit: %v, want %v", actions, want)
		}

		// Two registrants of one name: the name alone does not say who.
		if _, err := db.NewUpdate().Table("users").Set("name = ?", "Pracovnice A1").Where("id = ?", a2.PersonID).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		apitest.Expect(t, e.upload(t, se.ID, "?dry_run=true", "providerP", "text/csv", "jméno,stav\npracovnice  a1,omluvena\n"), 200, "", "ambiguous").JSON(t, &preview)
		if got := preview.problemCodes(); !slices.Equal(got, []string{"2:name:ambiguous"}) {
			t.Fatalf("ambiguous name: %v", got)
		}
	})
}

// TestAttendanceSheetNamesEmployers prints the sheet of a session and reads its text back (poppler's pdftotext):
// each participant's row names their employer in the Organizace column.
func TestAttendanceSheetNamesEmployers(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the sheet back")
	}
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		se, _, _, _ := e.heldSession(t, e.course(t, "Práce s rodinou", true))
		sheet := apitest.Expect(t, e.call(t, "GET", "/api/v1/sessions/"+se.ID+"/attendance-sheet", "providerP", 0, nil), 200, "", "sheet")
		cmd := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", "-", "-")
		cmd.Stdin = bytes.NewReader(sheet.Body)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{"Organizace", "1. Pracovnice A1 worker.a1@test.cz Městský úřad Alfa", "2. Pracovnice A2 worker.a2@test.cz Městský úřad Alfa"} {
			if !strings.Contains(text, want) {
				t.Errorf("the sheet does not say %q: %s", want, text)
			}
		}
		if strings.Contains(text, "Pracovnice B1") {
			t.Errorf("the sheet lists the waitlisted: %s", text)
		}
	})
}
