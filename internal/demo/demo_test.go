package demo_test

import (
	"context"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/demo"
)

func TestSeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db) // prepares the database: migrations and positions
		created, err := demo.Seed(ctx, db, "First-pass-1")
		if err != nil || !created {
			t.Fatalf("first seed: created=%v %v", created, err)
		}
		count := func(table string) int64 {
			n, err := db.NewSelect().Table(table).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		want := map[string]int64{"organizations": 5, "teams": 4, "users": 30}
		for table, n := range want {
			if got := count(table); got != n {
				t.Errorf("%s: %d, want %d", table, got, n)
			}
		}
		for _, l := range demo.Logins {
			s.Login(t, l.Email, "First-pass-1")
		}
		// A second seed changes nothing but the logins' password.
		created, err = demo.Seed(ctx, db, "Second-pass-2")
		if err != nil || created {
			t.Fatalf("second seed: created=%v %v", created, err)
		}
		for table, n := range want {
			if got := count(table); got != n {
				t.Errorf("after the second seed %s: %d, want %d", table, got, n)
			}
		}
		token := s.Login(t, "vedouci@demo.rozvoj.cz", "Second-pass-2")
		var me struct {
			Capabilities []string `json:"capabilities"`
			TeamIDs      []string `json:"team_ids"`
		}
		s.Get(t, "/api/v1/me", token).JSON(t, &me)
		if len(me.TeamIDs) != 1 || len(me.Capabilities) < 3 {
			t.Errorf("the demo lead: %+v", me)
		}
		// The lead sees her team's members, and only them.
		var page struct {
			Items []struct{ Email string } `json:"items"`
		}
		s.Get(t, "/api/v1/users?limit=200", token).JSON(t, &page)
		if len(page.Items) != 8 {
			t.Errorf("the demo lead sees %d people, want the 8 of her team", len(page.Items))
		}

		// The history: assessments in every state, a worker late for her yearly one, work waiting for the lead.
		for state, want := range map[string]int64{"agreed": 29, "draft": 2, "submitted": 1, "reviewed": 1, "returned": 1} {
			n, err := db.NewSelect().Table("assessments").Where("state = ?", state).Count(ctx)
			if err != nil || n != want {
				t.Errorf("%s assessments: %d, want %d (%v)", state, n, want, err)
			}
		}
		var heatmap struct {
			People []struct {
				Name    string `json:"name"`
				Overdue bool   `json:"overdue"`
				Cells   []struct {
					Gap *int `json:"gap"`
				} `json:"cells"`
			} `json:"people"`
		}
		s.Get(t, "/api/v1/teams/"+me.TeamIDs[0]+"/heatmap", token).JSON(t, &heatmap)
		overdue, withGaps := map[string]bool{}, 0
		for _, p := range heatmap.People {
			overdue[p.Name] = p.Overdue
			for _, c := range p.Cells {
				if c.Gap != nil {
					withGaps++
					break
				}
			}
		}
		if len(heatmap.People) != 8 || !overdue["Jana Nováková"] || !overdue["Tereza Němcová"] || overdue["Lenka Marková"] || withGaps != 6 {
			t.Errorf("the demo heatmap: overdue %v, %d people with gaps", overdue, withGaps)
		}
		for state, want := range map[string]int64{"closed": 2, "approved": 4, "proposed": 2, "draft": 1, "returned": 1} {
			n, err := db.NewSelect().Table("plans").Where("state = ?", state).Count(ctx)
			if err != nil || n != want {
				t.Errorf("%s plans: %d, want %d (%v)", state, n, want, err)
			}
		}
		var plans struct {
			Items []struct {
				PersonName string `json:"person_name"`
			}
		}
		s.Get(t, "/api/v1/plans?overdue=true", token).JSON(t, &plans)
		if len(plans.Items) != 2 {
			t.Errorf("the demo lead's plans with overdue actions: %+v, want Jana's and Lenka's", plans.Items)
		}
		// Training: the catalogue, certificates, one external training for the lead to decide, and her team in
		// every compliance state.
		for table, want := range map[string]int64{"courses": 8, "training_sessions": 11, "certificates": 15} {
			if got := count(table); got != want {
				t.Errorf("%s: %d, want %d", table, got, want)
			}
		}
		var compliance struct {
			People []struct {
				PersonName string `json:"person_name"`
				Results    []struct {
					RuleID string `json:"rule_id"`
					State  string `json:"state"`
				} `json:"results"`
			} `json:"people"`
		}
		s.Get(t, "/api/v1/teams/"+me.TeamIDs[0]+"/compliance", token).JSON(t, &compliance)
		states := map[string]map[string]string{}
		for _, p := range compliance.People {
			states[p.PersonName] = map[string]string{}
			for _, r := range p.Results {
				states[p.PersonName][r.RuleID] = r.State
			}
		}
		// The hours of the year depend on how much of it has passed: met, missed (a deadline after hiring) and
		// the people not there yet, on track or at risk, are in the team whenever one seeds.
		for _, c := range []struct{ person, rule, state string }{
			{"Kateřina Veselá", "zsps-111-hours", "met"},
			{"Tereza Němcová", "official-induction", "missed"},
			{"Jana Nováková", "official-zoz", "met"},
		} {
			if got := states[c.person][c.rule]; got != c.state {
				t.Errorf("demo compliance of %s, %s: %q, want %q (all: %v)", c.person, c.rule, got, c.state, states[c.person])
			}
		}
		for _, p := range []string{"Jana Nováková", "Markéta Horáková"} {
			if got := states[p]["zsps-111-hours"]; got != "on_track" && got != "at_risk" {
				t.Errorf("demo compliance of %s: %q, want on the way (on_track or at_risk)", p, got)
			}
		}
		// Jana Nováková is recommended the session of the course that develops where she falls short.
		jana := s.Login(t, "pracovnice@demo.rozvoj.cz", "Second-pass-2")
		var janaMe struct{ ID string }
		s.Get(t, "/api/v1/me", jana).JSON(t, &janaMe)
		var recommended struct {
			Items []struct {
				CourseTitle string `json:"course_title"`
			} `json:"items"`
		}
		s.Get(t, "/api/v1/people/"+janaMe.ID+"/recommendations", jana).JSON(t, &recommended)
		if len(recommended.Items) == 0 || recommended.Items[0].CourseTitle != "Individuální plán ochrany dítěte v praxi" {
			t.Errorf("Jana's recommendations: %+v", recommended.Items)
		}

		var pending struct{ Items []struct{ Title string } }
		s.Get(t, "/api/v1/external-trainings?state=pending", token).JSON(t, &pending)
		if len(pending.Items) != 1 {
			t.Errorf("the demo lead has %d external trainings to decide, want 1", len(pending.Items))
		}

		// Supervision: a year of team supervision, held ones confirmed, one waiting for the supervisor.
		// Ten team sessions per team and three individual ones; how many took place depends a little on the
		// weekday of seeding.
		held, _ := db.NewSelect().Table("supervision_sessions").Where("status = 'held'").Count(ctx)
		if total := count("supervision_sessions"); total != 43 || held < 4*6 || held > total-4*2 {
			t.Errorf("supervision sessions: %d, %d held", total, held)
		}
		eva := s.Login(t, "supervizor@demo.rozvoj.cz", "Second-pass-2")
		var unconfirmed struct {
			Items []struct {
				TeamName string `json:"team_name"`
			}
		}
		s.Get(t, "/api/v1/supervision/sessions?unconfirmed=true", eva).JSON(t, &unconfirmed)
		if len(unconfirmed.Items) != 1 {
			t.Errorf("the demo supervisor has %d sessions to confirm, want 1", len(unconfirmed.Items))
		}

		var submitted struct{ Items []struct{ State string } }
		s.Get(t, "/api/v1/assessments?state=submitted", token).JSON(t, &submitted)
		if len(submitted.Items) != 1 {
			t.Errorf("the demo lead has %d assessments to review, want 1", len(submitted.Items))
		}
	})
}
