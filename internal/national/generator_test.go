package national_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/national"
)

const password = "Narodni-Heslo-2026"

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func generate(t *testing.T, db *database.DB, seed uint64, force bool) ([]national.Count, error) {
	t.Helper()
	ctx := context.Background()
	if err := app.Prepare(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return national.Generate(ctx, db, national.Options{Seed: seed, Scale: 0.005, Today: today, Password: password, Force: force})
}

// fingerprint hashes the sorted ids of the tables the generator fills, so two data sets compare in one value.
func fingerprint(t *testing.T, db *database.DB) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		"SELECT id FROM organizations", "SELECT id FROM users", "SELECT id FROM teams", "SELECT id FROM role_assignments",
		"SELECT id FROM assessments", "SELECT assessment_id || '/' || competency_id || '/' || agreed_level FROM assessment_ratings",
		"SELECT id FROM plans", "SELECT id FROM plan_actions", "SELECT id FROM training_sessions", "SELECT id FROM registrations",
		"SELECT registration_id || '/' || status FROM attendance", "SELECT id FROM supervision_sessions",
		"SELECT session_id || '/' || person_id FROM supervision_participants", "SELECT id FROM support_entries",
	} {
		var ids []string
		if err := db.NewRaw(q).Scan(context.Background(), &ids); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		slices.Sort(ids)
		fmt.Fprintf(h, "%s:%s\n", q, strings.Join(ids, ","))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestGenerate makes a small national set (50 people) and checks its shape, that the same seed gives the same rows
// on a fresh database, that a database with people is refused, and that the API serves the data.
func TestGenerate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		counts, err := generate(t, db, 7, false)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, c := range counts {
			got[c.Table] = c.Rows
			n, err := db.NewSelect().Table(c.Table).Count(ctx)
			if err != nil || int(n) != c.Rows {
				t.Errorf("%s: reported %d rows, the table has %d (%v)", c.Table, c.Rows, n, err)
			}
		}
		// 14 regions, one office, one NGO, one provider; 50 people of whom most are in teams, each of those with up
		// to five yearly assessments of every competency of the published model.
		if got["organizations"] != 17 || got["users"] != 50 {
			t.Errorf("organizations %d, users %d; want 17 and 50", got["organizations"], got["users"])
		}
		members := got["team_members"]
		if members < 35 || got["assessments"] < 3*members || got["assessments"] > 5*members {
			t.Errorf("%d team members, %d assessments", members, got["assessments"])
		}
		var competencies int
		if err := db.NewRaw("SELECT count(DISTINCT competency_id) FROM assessment_ratings").Scan(ctx, &competencies); err != nil {
			t.Fatal(err)
		}
		if competencies != 45 || got["assessment_ratings"] != 45*got["assessments"] {
			t.Errorf("%d ratings of %d competencies for %d assessments", got["assessment_ratings"], competencies, got["assessments"])
		}
		if got["training_sessions"] != 100 || got["registrations"] < 12*100 || got["attendance"] > got["registrations"] {
			t.Errorf("sessions %d, registrations %d, attendance %d", got["training_sessions"], got["registrations"], got["attendance"])
		}
		if got["supervision_sessions"] < 40*got["teams"] || got["supervision_participants"] < got["supervision_sessions"] {
			t.Errorf("%d teams, %d supervision sessions, %d participants", got["teams"], got["supervision_sessions"], got["supervision_participants"])
		}
		agreed, err := db.NewSelect().Table("assessments").Where("state = 'agreed'").Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if int(agreed) == got["assessments"] || got["plans"] != int(agreed) {
			t.Errorf("%d assessments, %d agreed, %d plans; want some under way and a plan per agreed one", got["assessments"], agreed, got["plans"])
		}
		var drift struct {
			First float64 `bun:"first"`
			Last  float64 `bun:"last"`
		}
		if err := db.NewRaw(`SELECT
			(SELECT avg(agreed_level) FROM assessment_ratings r JOIN assessments a ON a.id = r.assessment_id WHERE a.agreed_at < ?) AS first,
			(SELECT avg(agreed_level) FROM assessment_ratings r JOIN assessments a ON a.id = r.assessment_id WHERE a.agreed_at >= ?) AS last`,
			today.AddDate(-4, 0, 0), today.AddDate(-1, 0, 0)).Scan(ctx, &drift); err != nil {
			t.Fatal(err)
		}
		if drift.Last <= drift.First {
			t.Errorf("agreed levels do not rise over the years: %.2f then %.2f", drift.First, drift.Last)
		}

		if _, err := generate(t, db, 7, false); err == nil || !strings.Contains(err.Error(), "50 people already") {
			t.Errorf("a second run into the same database: %v, want a refusal", err)
		}
		again := dbtest.Open(t, db.Engine)
		if _, err := generate(t, again, 7, false); err != nil {
			t.Fatal(err)
		}
		if a, b := fingerprint(t, db), fingerprint(t, again); a != b {
			t.Errorf("the same seed gave other rows: %s vs %s", a, b)
		}
		other := dbtest.Open(t, db.Engine)
		if _, err := generate(t, other, 8, false); err != nil {
			t.Fatal(err)
		}
		if fingerprint(t, db) == fingerprint(t, other) {
			t.Error("another seed gave the same rows")
		}

		servesAPI(t, db)
	})
}

// servesAPI signs in as a generated lead and reads their team's heatmap and a member's compliance.
func servesAPI(t *testing.T, db *database.DB) {
	ctx := context.Background()
	var lead struct {
		Email  string    `bun:"email"`
		TeamID uuid.UUID `bun:"team_id"`
	}
	if err := db.NewRaw(`SELECT u.email, r.team_id FROM role_assignments r JOIN users u ON u.id = r.user_id
		WHERE r.role = 'lead' ORDER BY u.email LIMIT 1`).Scan(ctx, &lead); err != nil {
		t.Fatal(err)
	}
	var members []uuid.UUID
	if err := db.NewRaw("SELECT user_id FROM team_members WHERE team_id = ?", lead.TeamID).Scan(ctx, &members); err != nil {
		t.Fatal(err)
	}
	s := apitest.Start(t, db)
	token := s.Login(t, lead.Email, password)
	res := apitest.Expect(t, s.Get(t, apitest.Path("teams", lead.TeamID, "heatmap"), token), http.StatusOK, "", "the lead's heatmap")
	var heatmap struct {
		People []struct {
			Cells []any `json:"cells"`
		} `json:"people"`
	}
	res.JSON(t, &heatmap)
	if len(heatmap.People) != len(members) || len(heatmap.People[0].Cells) != 45 {
		t.Errorf("heatmap of %d people (team of %d)", len(heatmap.People), len(members))
	}
	res = apitest.Expect(t, s.Get(t, apitest.Path("people", members[len(members)-1], "compliance"), token), http.StatusOK, "", "a member's compliance")
	var compliance struct {
		Results []any `json:"results"`
	}
	res.JSON(t, &compliance)
	if len(compliance.Results) == 0 {
		t.Errorf("compliance without results: %s", res.Body)
	}
}
