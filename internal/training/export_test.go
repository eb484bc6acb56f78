package training_test

import (
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestTrainingFiles: courses, sessions, registrations, certificates and external training as CSV and XLSX files
// with Czech headers and words, each the whole list the caller's JSON shows and nothing more.
func TestTrainingFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		course := e.course(t, "Práce s rodinou", true)
		e.course(t, "Koncept", false)
		se, a1, a2, _ := e.heldSession(t, course)
		e.ok(t, "PUT", "/api/v1/sessions/"+se.ID+"/attendance", "providerP", 0, entries(entry(a1.ID, "present"), entry(a2.ID, "absent")), &attendanceJSON{}, "record")
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/close", "providerP", se.Version, nil, &sessionJSON{}, "close")
		e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/certificates", "providerP", 0, nil, &issuedJSON{}, "issue")
		e.recordExternal(t, "workerA1", externalForm(certificatePDF(t), map[string]string{"hours": "6"}))

		file := func(path, who string) [][]string {
			t.Helper()
			return apitest.Expect(t, e.call(t, "GET", path, who, 0, nil), 200, "", path).CSV(t, ';')
		}
		for _, c := range []struct {
			path, who, header string
			rows              int
			row               string // the first row, semicolons between cells; "*" matches any cell
		}{
			{"/api/v1/courses?format=csv&delimiter=semicolon", "workerA1",
				"Název;Vzdělavatel;Forma;Hodiny;Akreditace MPSV;Akreditace od;Akreditace do;Zveřejněný", 1,
				"Práce s rodinou;Vzdělávací institut Gama;kurz;8;A2024/0123-SP/PC;2024-01-01;2099-12-31;ano"},
			{"/api/v1/sessions?format=csv&delimiter=semicolon", "workerA1",
				"Kurz;Začátek;Konec;Místo;Online;Kapacita;Potvrzeno;V pořadníku;Volná místa;Přihlášky do;Cena (Kč);Stav", 1,
				"Práce s rodinou;*;*;Brno, Kounicova 10;;2;2;1;0;*;1200;proběhl"},
			{"/api/v1/registrations?format=csv&delimiter=semicolon", "providerP",
				"Jméno;E-mail;Kurz;Začátek;Stav;Pořadí v pořadníku;Přihlášeno;Zrušeno;Důvod zamítnutí", 3,
				"Pracovnice A1;worker.a1@test.cz;Práce s rodinou;*;potvrzeno;;*;;"},
			{"/api/v1/registrations?format=csv&delimiter=semicolon&status=waitlisted", "providerP", "", 1,
				"Pracovnice B1;worker.b1@test.cz;Práce s rodinou;*;v pořadníku;1;*;;"},
			{"/api/v1/registrations?format=csv&delimiter=semicolon", "workerA2", "", 1, "Pracovnice A2;*;*;*;potvrzeno;;*;;"},
			{"/api/v1/certificates?format=csv&delimiter=semicolon", "leadA1",
				"Číslo;Jméno;Kurz;Forma;Akreditace MPSV;Hodiny;Od;Do;Místo;Vzdělavatel;Vydáno", 1,
				"*;Pracovnice A1;Práce s rodinou;kurz;A2024/0123-SP/PC;8;*;*;Brno, Kounicova 10;Vzdělávací institut Gama;*"},
			{"/api/v1/certificates?format=csv&delimiter=semicolon", "workerB1", "", 0, ""},
			{"/api/v1/external-trainings?format=csv&delimiter=semicolon", "leadA1",
				"Pracovník;Název;Vzdělavatel;Forma;Hodiny;Od;Do;Akreditace MPSV;Stav;Důvod zamítnutí;Rozhodnuto", 1,
				"Pracovnice A1;Supervize v praxi;Vzdělávací institut Brno;kurz;6;*;;A2024/0123-SP/PC;čeká na potvrzení;;"},
			{"/api/v1/external-trainings?format=csv&delimiter=semicolon", "workerA2", "", 0, ""},
		} {
			recs := file(c.path, c.who)
			if c.header != "" && strings.Join(recs[0], ";") != c.header {
				t.Errorf("%s: header %q", c.path, recs[0])
			}
			if len(recs) != 1+c.rows {
				t.Errorf("%s as %s: %d rows, want %d: %q", c.path, c.who, len(recs)-1, c.rows, recs)
				continue
			}
			if c.rows > 0 {
				apitest.WantRow(t, c.path+" as "+c.who, recs[1], c.row)
			}
		}

		book, sheet := apitest.Expect(t, e.call(t, "GET", "/api/v1/sessions?format=xlsx", "workerA1", 0, nil), 200, "", "xlsx").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "B2", "F2", "K2") // the start (a date-time), the capacity, the price
		if v, _ := book.GetCellValue(sheet, "L2"); sheet != "Termíny kurzů" || v != "proběhl" {
			t.Errorf("xlsx: sheet %q, status %q", sheet, v)
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/courses?format=docx", "workerA1", 0, nil), 422, "format", "an unknown format")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/certificates?format=csv", "", 0, nil), 401, "", "nobody signed in")
	})
}
