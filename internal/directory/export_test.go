package directory_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// TestDirectoryFiles: organisations, teams and people as CSV and XLSX files, with Czech headers and words for
// the codes, showing what the caller's JSON list shows and nothing more.
func TestDirectoryFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		get := func(path, who string) *apitest.Response { return e.s.Get(t, path, e.tok[who]) }

		orgs := apitest.Expect(t, get("/api/v1/organizations?format=csv&delimiter=semicolon&kind=municipality", "workerA1"), 200, "", "organisations").CSV(t, ';')
		if len(orgs) != 3 || strings.Join(orgs[0], ";") != "Název;Druh;IČO;Kraj;Aktivní" ||
			strings.Join(orgs[1], ";") != "Městský úřad Alfa;obecní úřad (ORP);00286010;Kraj Vysočina;ano" {
			t.Errorf("organisations: %q", orgs)
		}

		// A lead sees their own team only, as in JSON.
		teams := apitest.Expect(t, get("/api/v1/teams?format=csv", "leadA1"), 200, "", "teams").CSV(t, ',')
		if len(teams) != 2 || strings.Join(teams[0], ";") != "Název týmu;Vedoucí;Členové;Počet členů;Aktivní" ||
			teams[1][0] != "Tým A1" || teams[1][1] != "Vedoucí A1" || teams[1][3] != "2" {
			t.Errorf("teams of leadA1: %q", teams)
		}
		book, sheet := apitest.Expect(t, get("/api/v1/teams?format=xlsx", "adminA"), 200, "", "teams xlsx").XLSX(t)
		if rows, _ := book.GetRows(sheet); len(rows) != 3 || sheet != "Týmy" || rows[2][0] != "Tým A2" {
			t.Errorf("teams of adminA: %s %q", sheet, rows)
		}
		apitest.WantNumberCells(t, book, sheet, "D2") // the member count

		// People's employer and position by name, not by ID.
		var position directory.Position
		if err := db.NewSelect().Model(&position).Where("code = ?", "ospod-social-worker").Scan(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.NewUpdate().Table("users").Set("position_id = ?", position.ID).Where("id = ?", e.w.WorkerA1.ID).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		users := apitest.Expect(t, get("/api/v1/users?format=csv&team_id="+e.w.TeamA1.ID.String(), "adminA"), 200, "", "users").CSV(t, ',')
		if len(users) != 3 || strings.Join(users[0][:5], ";") != "Jméno a příjmení;E-mail;Role;Organizace;Pozice" ||
			users[1][0] != "Pracovnice A1" || users[1][3] != "Městský úřad Alfa" || users[1][4] != position.NameCS ||
			users[2][2] != "vedoucí týmu (Tým A1); sociální pracovník/pracovnice (Městský úřad Alfa)" || users[2][4] != "" || users[2][10] != "ano" {
			t.Errorf("users of team A1: %q", users)
		}
		var one directory.User
		apitest.Expect(t, get(apitest.Path("users", e.w.WorkerA1.ID), "adminA"), 200, "", "a person").JSON(t, &one)
		if one.OrganizationName == nil || *one.OrganizationName != "Městský úřad Alfa" || one.PositionName == nil || *one.PositionName != position.NameCS {
			t.Errorf("a person's employer and position by name: %v %v", one.OrganizationName, one.PositionName)
		}
		if got := get("/api/v1/users?format=csv", "workerA1"); got.Status != get("/api/v1/users", "workerA1").Status || got.Status < 400 {
			t.Errorf("a worker's file of people: %d %s", got.Status, got.Body)
		}
		// A list longer than a page (200) comes whole, every organisation once and in the list's order.
		dir, op := directory.NewService(db), &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}
		const many = httpx.MaxLimit + 21
		for i := range many {
			kind, name, ico := "ngo", fmt.Sprintf("Spolek %03d", i), newICO()
			if _, err := dir.CreateOrganization(context.Background(), op, directory.OrganizationInput{Kind: &kind, Name: &name, ICO: &ico}); err != nil {
				t.Fatal(err)
			}
		}
		ngos := apitest.Expect(t, get("/api/v1/organizations?format=csv&kind=ngo&limit=10", "workerA1"), 200, "", "many").CSV(t, ',')
		if len(ngos) != 1+many {
			t.Fatalf("%d organisations in the file, want %d", len(ngos)-1, many)
		}
		for i, rec := range ngos[1:] {
			if rec[0] != fmt.Sprintf("Spolek %03d", i) {
				t.Fatalf("row %d is %q", i+1, rec)
			}
		}
		apitest.Expect(t, get("/api/v1/organizations?format=pdf", "workerA1"), 422, "format", "an unknown format")
		apitest.Expect(t, get("/api/v1/teams?format=csv&delimiter=tab", "leadA1"), 422, "delimiter", "an unknown delimiter")
	})
}
