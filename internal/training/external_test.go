package training_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/attachment"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/paper"
)

const externals = "/api/v1/external-trainings"

type externalJSON struct {
	ID                   string  `json:"id"`
	PersonID             string  `json:"person_id"`
	State                string  `json:"state"`
	Hours                int     `json:"hours"`
	Reason               *string `json:"reason"`
	DecidedBy            *string `json:"decided_by"`
	Version              int     `json:"version"`
	CertificateName      string  `json:"certificate_name"`
	CertificateMediaType string  `json:"certificate_media_type"`
	CertificateSize      int     `json:"certificate_size"`
}

// certificatePDF is a real PDF, as a scanner or a provider's system would make one.
func certificatePDF(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := paper.WritePlan(&b, paper.PlanDoc{Person: paper.Person{Name: "Jana Nováková"}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// scanPNG is a small real PNG, as a phone's scan of a certificate would be.
func scanPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 30, 20))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// externalForm is a valid record of a course done yesterday; change changes or (with "") drops its fields.
func externalForm(pdf []byte, change map[string]string) apitest.Form {
	f := apitest.Form{
		Fields: map[string]string{"title": "Supervize v praxi", "provider_name": "Vzdělávací institut Brno", "form": "course",
			"hours": "8", "date": time.Now().AddDate(0, 0, -1).Format(time.DateOnly), "accreditation_number": "A2024/0123-SP/PC"},
		Files: map[string]apitest.File{"certificate": {Name: "Osvědčení.pdf", Data: pdf}},
	}
	for k, v := range change {
		if v == "" {
			delete(f.Fields, k)
		} else {
			f.Fields[k] = v
		}
	}
	return f
}

func (e *env) recordExternal(t *testing.T, who string, f apitest.Form) externalJSON {
	t.Helper()
	var x externalJSON
	e.ok(t, "POST", externals, who, 0, f, &x, "record")
	return x
}

// notices counts a person's notices of a kind.
func (e *env) notices(t *testing.T, who, kind string) int {
	t.Helper()
	r := apitest.Expect(t, e.call(t, "GET", "/api/v1/notifications?limit=100", who, 0, nil), 200, "", "notices")
	return strings.Count(string(r.Body), `"kind":"`+kind+`"`)
}

// TestExternalJourney: a worker records training done elsewhere with its certificate, her lead hears of it,
// sees it pending, downloads the certificate and confirms it; another record is rejected with a reason; a
// pending one is taken back with its file; a decided one stays. Every change is audited.
func TestExternalJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		pdf := certificatePDF(t)
		x := e.recordExternal(t, "workerA1", externalForm(pdf, nil))
		if x.State != "pending" || x.Hours != 8 || x.PersonID != e.w.WorkerA1.ID.String() || x.Version != 1 ||
			x.CertificateMediaType != attachment.PDF || x.CertificateSize != len(pdf) || x.CertificateName != "Osvědčení.pdf" {
			t.Fatalf("recorded: %+v", x)
		}
		if n := e.notices(t, "leadA1", "external_training.recorded"); n != 1 {
			t.Errorf("the lead has %d notices of the record, want 1", n)
		}
		var page struct{ Items []externalJSON }
		e.ok(t, "GET", externals+"?state=pending&person_id="+x.PersonID, "leadA1", 0, nil, &page, "the lead's list")
		if len(page.Items) != 1 || page.Items[0].ID != x.ID {
			t.Fatalf("the lead sees %+v", page.Items)
		}

		cert := apitest.Expect(t, e.call(t, "GET", externals+"/"+x.ID+"/certificate", "leadA1", 0, nil), 200, "", "download")
		if !bytes.Equal(cert.Body, pdf) || cert.Header.Get("Content-Type") != attachment.PDF ||
			!strings.Contains(cert.Header.Get("Content-Disposition"), "attachment") ||
			!strings.Contains(cert.Header.Get("Content-Disposition"), "Osv%C4%9Bd%C4%8Den%C3%AD.pdf") {
			t.Fatalf("download: %d bytes, %v", len(cert.Body), cert.Header)
		}

		path := externals + "/" + x.ID
		apitest.Expect(t, e.call(t, "POST", path+"/confirm", "leadB1", 1, nil), 404, "", "a lead of another team")
		apitest.Expect(t, e.call(t, "POST", path+"/confirm", "workerA1", 1, nil), 403, "", "her own")
		apitest.Expect(t, e.call(t, "POST", path+"/confirm", "leadA1", 0, nil), 428, "", "no If-Match")
		apitest.Expect(t, e.call(t, "POST", path+"/confirm", "leadA1", 7, nil), 409, "", "stale")
		var done externalJSON
		e.ok(t, "POST", path+"/confirm", "leadA1", 1, nil, &done, "confirm")
		if done.State != "confirmed" || done.Version != 2 || done.DecidedBy == nil || *done.DecidedBy != e.w.LeadA1.ID.String() {
			t.Fatalf("confirmed: %+v", done)
		}
		apitest.Expect(t, e.call(t, "POST", path+"/reject", "leadA1", 2, map[string]any{"reason": "Pozdě"}), 409, "", "decided twice")
		apitest.Expect(t, e.call(t, "DELETE", path, "workerA1", 0, nil), 409, "", "a confirmed one stays")
		if n := e.notices(t, "workerA1", "external_training.confirmed"); n != 1 {
			t.Errorf("the worker has %d notices of the confirmation, want 1", n)
		}

		y := e.recordExternal(t, "workerA1", externalForm(pdf, map[string]string{"accreditation_number": "", "form": "conference"}))
		apitest.Expect(t, e.call(t, "POST", externals+"/"+y.ID+"/reject", "leadA1", 1, map[string]any{"reason": "  "}), 422, "reason", "no reason")
		var rejected externalJSON
		e.ok(t, "POST", externals+"/"+y.ID+"/reject", "leadA1", 1, map[string]any{"reason": "Osvědčení je na jiné jméno."}, &rejected, "reject")
		if rejected.State != "rejected" || rejected.Reason == nil || *rejected.Reason != "Osvědčení je na jiné jméno." {
			t.Fatalf("rejected: %+v", rejected)
		}
		if n := e.notices(t, "workerA1", "external_training.rejected"); n != 1 {
			t.Errorf("the worker has %d notices of the rejection, want 1", n)
		}

		// A scan as an image is served back as the image it is, whatever name it came under.
		scan := externalForm(pdf, nil)
		scan.Files["certificate"] = apitest.File{Name: "sken.pdf", Data: scanPNG(t)}
		img := e.recordExternal(t, "workerA1", scan)
		got := apitest.Expect(t, e.call(t, "GET", externals+"/"+img.ID+"/certificate", "workerA1", 0, nil), 200, "", "the scan")
		if img.CertificateMediaType != attachment.PNG || got.Header.Get("Content-Type") != attachment.PNG || !bytes.Equal(got.Body, scan.Files["certificate"].Data) {
			t.Fatalf("the scan: %+v, %s", img, got.Header.Get("Content-Type"))
		}
		apitest.Expect(t, e.call(t, "DELETE", externals+"/"+img.ID, "workerA1", 0, nil), 204, "", "take the scan back")

		z := e.recordExternal(t, "workerA1", externalForm(pdf, nil))
		apitest.Expect(t, e.call(t, "DELETE", externals+"/"+z.ID, "leadA1", 0, nil), 403, "", "the lead deletes")
		apitest.Expect(t, e.call(t, "DELETE", externals+"/"+z.ID, "workerA1", 0, nil), 204, "", "take it back")
		apitest.Expect(t, e.call(t, "GET", externals+"/"+z.ID, "workerA1", 0, nil), 404, "", "gone")

		ctx := context.Background()
		files, err := db.NewSelect().Table("attachments").Count(ctx)
		if err != nil || files != 2 {
			t.Errorf("%d files stored, want 2 (the deleted record's went with it): %v", files, err)
		}
		var actions []string
		if err := db.NewSelect().Table("audit_log").Column("action").Where("entity = ?", "external_training").
			OrderExpr("id").Scan(ctx, &actions); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(actions, " "); got != "record confirmed record rejected record delete record delete" {
			t.Errorf("audit: %q", got)
		}

		// The lead's own record is in their list, not in their queue to confirm (led=true).
		own := e.recordExternal(t, "leadA1", externalForm(pdf, nil))
		waiting := e.recordExternal(t, "workerA1", externalForm(pdf, nil))
		mine := func(r externalJSON) bool { return r.ID == own.ID }
		e.ok(t, "GET", externals+"?state="+own.State, "leadA1", 0, nil, &page, "the lead's whole list")
		if !slices.ContainsFunc(page.Items, mine) {
			t.Fatalf("the lead's own record is not in their list: %+v", page.Items)
		}
		e.ok(t, "GET", externals+"?state=pending&led=true", "leadA1", 0, nil, &page, "the lead's queue")
		if len(page.Items) != 1 || page.Items[0].ID != waiting.ID {
			t.Fatalf("the lead's queue: %+v, want the worker's record only", page.Items)
		}
	})
}

// TestExternalBadInput: every bad field is a 422 naming it, and nothing is stored.
func TestExternalBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		pdf := certificatePDF(t)
		tomorrow := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
		withFile := func(data []byte) apitest.Form {
			f := externalForm(pdf, nil)
			f.Files["certificate"] = apitest.File{Name: "osvedceni.pdf", Data: data}
			return f
		}
		noFile := externalForm(pdf, nil)
		noFile.Files = nil
		for name, c := range map[string]struct {
			form  apitest.Form
			field string
		}{
			"a fake PDF":            {withFile([]byte("%PDF-1.7\nnic tu není\n")), "certificate"},
			"a text file as PDF":    {withFile([]byte("Toto je jen text.")), "certificate"},
			"larger than 10 MB":     {withFile(append(append([]byte{}, pdf...), make([]byte, attachment.MaxSize)...)), "certificate"},
			"no file":               {noFile, "certificate"},
			"a day in the future":   {externalForm(pdf, map[string]string{"date": tomorrow}), "date"},
			"a date not a date":     {externalForm(pdf, map[string]string{"date": "1. 3. 2026"}), "date"},
			"ends before it began":  {externalForm(pdf, map[string]string{"end_date": "2020-01-01"}), "end_date"},
			"bad accreditation":     {externalForm(pdf, map[string]string{"accreditation_number": "MPSV 123/2024"}), "accreditation_number"},
			"no hours":              {externalForm(pdf, map[string]string{"hours": ""}), "hours"},
			"zero hours":            {externalForm(pdf, map[string]string{"hours": "0"}), "hours"},
			"too many hours":        {externalForm(pdf, map[string]string{"hours": "201"}), "hours"},
			"hours not a number":    {externalForm(pdf, map[string]string{"hours": "osm"}), "hours"},
			"an unknown form":       {externalForm(pdf, map[string]string{"form": "webinar"}), "form"},
			"no title":              {externalForm(pdf, map[string]string{"title": ""}), "title"},
			"a blank provider name": {externalForm(pdf, map[string]string{"provider_name": "   "}), "provider_name"},
		} {
			t.Run(name, func(t *testing.T) {
				apitest.Expect(t, e.call(t, "POST", externals, "workerA1", 0, c.form), 422, c.field, name)
			})
		}
		// Larger than the route's body limit: refused before it is read.
		apitest.Expect(t, e.call(t, "POST", externals, "workerA1", 0, withFile(make([]byte, attachment.MaxSize+2<<20))), 413, "", "oversize body")
		apitest.Expect(t, e.call(t, "POST", externals, "workerA1", 0, map[string]any{"title": "JSON"}), 415, "", "JSON body")
		apitest.Expect(t, e.call(t, "GET", externals+"?state=done", "workerA1", 0, nil), 422, "state", "an unknown state")
		for _, table := range []string{"external_trainings", "attachments"} {
			if n, err := db.NewSelect().Table(table).Count(context.Background()); err != nil || n != 0 {
				t.Errorf("%d rows in %s after bad input: %v", n, table, err)
			}
		}
	})
}

// TestExternalAuthorization: every endpoint × every fixture person, and no token. Pracovnice A1 has a pending
// record; Vedoucí A1 leads her team. Changes are sent so that nothing changes whoever is let through: a stale
// If-Match (409) or a body the rules refuse (422); whoever may see the record but not change it gets 403,
// whoever may not see it 404. Deleting is tried last, by each person, on a confirmed record (409 for her).
func TestExternalAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		pdf := certificatePDF(t)
		x := e.recordExternal(t, "workerA1", externalForm(pdf, nil))
		kept := e.recordExternal(t, "workerA1", externalForm(pdf, nil))
		var confirmed externalJSON
		e.ok(t, "POST", externals+"/"+kept.ID+"/confirm", "leadA1", 1, nil, &confirmed, "confirm")
		path := externals + "/" + x.ID
		workers := map[string]int{"leadA1": 422, "workerA1": 422, "workerA2": 422, "leadB1": 422, "workerB1": 422}
		seen := map[string]int{"workerA1": 200, "leadA1": 200}
		bad := externalForm(pdf, map[string]string{"hours": "0"})
		rows := []struct {
			name, method, path string
			body               any
			version            int
			want               map[string]int
			other              int
			items              map[string]int
		}{
			{name: "list", method: "GET", path: externals, other: 200, items: map[string]int{"workerA1": 2, "leadA1": 2}},
			{name: "record", method: "POST", path: externals, body: bad, want: workers, other: 403},
			{name: "read", method: "GET", path: path, want: seen, other: 404},
			{name: "download", method: "GET", path: path + "/certificate", want: seen, other: 404},
			{name: "confirm", method: "POST", path: path + "/confirm", version: 99, want: map[string]int{"workerA1": 403, "leadA1": 409}, other: 404},
			{name: "reject", method: "POST", path: path + "/reject", version: 99, body: map[string]any{"reason": "x"},
				want: map[string]int{"workerA1": 403, "leadA1": 409}, other: 404},
			{name: "delete", method: "DELETE", path: externals + "/" + kept.ID, want: map[string]int{"workerA1": 409, "leadA1": 403}, other: 404},
		}
		for _, r := range rows {
			for _, who := range append(e.w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = http.StatusUnauthorized
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					got := e.call(t, r.method, r.path, who, r.version, r.body)
					if got.Status != want {
						t.Fatalf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
					if r.items != nil && who != "nobody" {
						var page struct{ Items []externalJSON }
						got.JSON(t, &page)
						if len(page.Items) != r.items[who] {
							t.Errorf("%s sees %d, want %d", who, len(page.Items), r.items[who])
						}
					}
				})
			}
		}
	})
}
