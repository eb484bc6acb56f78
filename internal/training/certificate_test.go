package training_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

type certificateJSON struct {
	ID                  string `json:"id"`
	Number              string `json:"number"`
	PersonID            string `json:"person_id"`
	Hours               int    `json:"hours"`
	AccreditationNumber string `json:"accreditation_number"`
}

type issuedJSON struct {
	Items []certificateJSON `json:"items"`
}

// code reads a certificate's verification code, which only its PDF shows.
func (e *env) code(t *testing.T, id string) string {
	t.Helper()
	var code string
	if err := e.db.NewSelect().Table("certificates").Column("code").Where("id = ?", id).Scan(context.Background(), &code); err != nil {
		t.Fatal(err)
	}
	return code
}

// TestCertificates issues certificates of a closed session of an accredited course to the present participants
// only, once each; prints them for the person, their lead and the provider; and verifies one without a login,
// answering nothing beyond what it says.
func TestCertificates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		course := e.course(t, "Práce s rodinou", true)
		se, a1, a2, _ := e.heldSession(t, course)
		issue := "/api/v1/sessions/" + se.ID + "/certificates"
		attendance := "/api/v1/sessions/" + se.ID + "/attendance"
		e.ok(t, "PUT", attendance, "providerP", 0, entries(entry(a1.ID, "present"), entry(a2.ID, "partial", 60)), &attendanceJSON{}, "record")
		apitest.Expect(t, e.call(t, "POST", issue, "providerP", 0, nil), 409, "session", "issue before closing")
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/close", "providerP", se.Version, nil, &sessionJSON{}, "close")
		apitest.Expect(t, e.call(t, "POST", issue, "workerA1", 0, nil), 403, "", "a participant issues")

		var issued issuedJSON
		e.ok(t, "POST", issue, "providerP", 0, nil, &issued, "issue")
		if len(issued.Items) != 1 || issued.Items[0].PersonID != e.w.WorkerA1.ID.String() || issued.Items[0].Hours != 8 ||
			!regexp.MustCompile(`^RZV-\d{4}-\d{6}$`).MatchString(issued.Items[0].Number) || issued.Items[0].AccreditationNumber != "A2024/0123-SP/PC" {
			t.Fatalf("issued: %+v", issued)
		}
		first := issued.Items[0]
		if kinds := e.kinds(t, e.w.WorkerA1.ID); !slices.Contains(kinds, "certificate.issued") {
			t.Errorf("A1 was not told: %v", kinds)
		}
		e.ok(t, "POST", issue, "providerP", 0, nil, &issued, "issue again")
		if len(issued.Items) != 0 {
			t.Fatalf("issued twice: %+v", issued)
		}
		amend := withField(entries(entry(a2.ID, "present")), "amendment", map[string]any{"reason": "Doložila účast."})
		e.ok(t, "PUT", attendance, "providerP", 0, amend, &attendanceJSON{}, "amend")
		e.ok(t, "POST", issue, "providerP", 0, nil, &issued, "issue after the amendment")
		if len(issued.Items) != 1 || issued.Items[0].PersonID != e.w.WorkerA2.ID.String() || issued.Items[0].Number == first.Number {
			t.Fatalf("issued after the amendment: %+v (first %s)", issued, first.Number)
		}

		var page struct{ Items []certificateJSON }
		for who, n := range map[string]int{"workerA1": 1, "providerP": 2, "workerB1": 0} {
			e.ok(t, "GET", "/api/v1/certificates", who, 0, nil, &page, who+" lists")
			if len(page.Items) != n {
				t.Errorf("%s sees %d certificates, want %d", who, len(page.Items), n)
			}
		}
		e.ok(t, "GET", "/api/v1/certificates?person_id="+e.w.WorkerA1.ID.String(), "providerP", 0, nil, &page, "by person")
		if len(page.Items) != 1 || page.Items[0].ID != first.ID {
			t.Errorf("by person: %+v", page.Items)
		}
		for who, status := range map[string]int{"workerA1": 200, "leadA1": 200, "providerP": 200, "workerA2": 404, "workerB1": 404} {
			r := apitest.Expect(t, e.call(t, "GET", "/api/v1/certificates/"+first.ID+"/pdf", who, 0, nil), status, "", who+" prints")
			if status == 200 && !bytes.HasPrefix(r.Body, []byte("%PDF")) {
				t.Errorf("%s: not a PDF", who)
			}
		}

		code := e.code(t, first.ID)
		if !regexp.MustCompile(`^[A-Z2-7]{24}$`).MatchString(code) {
			t.Errorf("code %q", code)
		}
		r := apitest.Expect(t, e.s.Do(t, apitest.Request{Method: "GET", Path: "/verify/" + code}), 200, "", "verify")
		var v map[string]any
		if err := json.Unmarshal(r.Body, &v); err != nil {
			t.Fatal(err)
		}
		keys := slices.Sorted(maps.Keys(v))
		want := []string{"accreditation_number", "course_title", "ends_on", "hours", "issued_at", "number", "person_name", "provider_name", "starts_on", "valid"}
		if !slices.Equal(keys, want) || v["valid"] != true || v["number"] != first.Number || v["person_name"] != "Pracovnice A1" {
			t.Errorf("verify: %s", r.Body)
		}
		apitest.Expect(t, e.s.Do(t, apitest.Request{Method: "GET", Path: "/verify/AAAAAAAAAAAAAAAAAAAAAAAA"}), 404, "", "an unknown code")

		// A course without an accreditation gives no certificates.
		var plain courseJSON
		e.ok(t, "POST", "/api/v1/courses", "providerP", 0, map[string]any{"title": "Supervize", "form": "course", "hours": 4, "published": true}, &plain, "plain course")
		other, b1, _, _ := e.heldSession(t, plain)
		e.ok(t, "PUT", "/api/v1/sessions/"+other.ID+"/attendance", "providerP", 0, entries(entry(b1.ID, "present")), &attendanceJSON{}, "record")
		e.ok(t, "POST", "/api/v1/sessions/"+other.ID+"/close", "providerP", other.Version, nil, &sessionJSON{}, "close")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+other.ID+"/certificates", "providerP", 0, nil), 409, "session", "not accredited")
	})
}
