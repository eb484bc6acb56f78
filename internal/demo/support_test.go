package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/demo"
)

// TestSeedSupport: every worker of Petra Svobodová's team has support logged within the last year, none in the
// future; she herself has none, and her team's totals carry no note.
func TestSeedSupport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		if _, err := demo.Seed(ctx, db, "First-pass-1"); err != nil {
			t.Fatal(err)
		}
		lead := s.Login(t, "vedouci@demo.rozvoj.cz", "First-pass-1")
		var me struct {
			TeamIDs []string `json:"team_ids"`
		}
		s.Get(t, "/api/v1/me", lead).JSON(t, &me)
		r := s.Get(t, "/api/v1/support-log/summary?team_id="+me.TeamIDs[0], lead)
		var sum struct {
			People []struct {
				PersonName   string `json:"person_name"`
				TotalMinutes int    `json:"total_minutes"`
			} `json:"people"`
		}
		r.JSON(t, &sum)
		if len(sum.People) < 5 {
			t.Fatalf("the team: %+v", sum.People)
		}
		for _, p := range sum.People {
			if (p.PersonName == "Petra Svobodová") != (p.TotalMinutes == 0) {
				t.Errorf("%s has %d minutes", p.PersonName, p.TotalMinutes)
			}
		}
		for _, n := range []string{"rodiny s opakovaným", "Náslech u kolegyně", "Intervize: jak mluvit"} {
			if strings.Contains(string(r.Body), n) {
				t.Fatalf("the lead reads a note: %s", r.Body)
			}
		}
		worker := s.Login(t, "pracovnice@demo.rozvoj.cz", "First-pass-1")
		var page struct {
			Items []struct {
				Date string `json:"date"`
				Note string `json:"note"`
			} `json:"items"`
		}
		s.Get(t, "/api/v1/support-log?limit=200", worker).JSON(t, &page)
		prague, _ := time.LoadLocation("Europe/Prague")
		today := database.Now().In(prague).Format(time.DateOnly)
		notes := 0
		for _, e := range page.Items {
			if e.Date > today || e.Date < database.Now().In(prague).AddDate(-1, 0, -7).Format(time.DateOnly) {
				t.Errorf("an entry on %s", e.Date)
			}
			if e.Note != "" {
				notes++
			}
		}
		if len(page.Items) < 10 || notes == 0 {
			t.Errorf("Jana has %d entries, %d with a note", len(page.Items), notes)
		}
	})
}
