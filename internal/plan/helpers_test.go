package plan_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// planJSON is the part of a plan the tests read.
type planJSON struct {
	ID             string `json:"id"`
	PersonName     string `json:"person_name"`
	PeriodStart    string `json:"period_start"`
	PeriodEnd      string `json:"period_end"`
	State          string `json:"state"`
	Version        int    `json:"version"`
	Note           string `json:"note"`
	LeadComment    string `json:"lead_comment"`
	ApprovedBy     string `json:"approved_by"`
	Evaluation     string `json:"evaluation"`
	OverdueActions int    `json:"overdue_actions"`
	Goals          []struct {
		ID           string `json:"id"`
		CompetencyID string `json:"competency_id"`
		TargetLevel  int    `json:"target_level"`
	} `json:"goals"`
	Actions []struct {
		ID       string  `json:"id"`
		GoalID   *string `json:"goal_id"`
		Title    string  `json:"title"`
		DueOn    string  `json:"due_on"`
		DoneAt   *string `json:"done_at"`
		DoneBy   *string `json:"done_by"`
		Evidence string  `json:"evidence"`
		Overdue  bool    `json:"overdue"`
	} `json:"actions"`
}

// env is a running app with its fixture world, everybody signed in, and the published model's competencies.
type env struct {
	s            *apitest.Server
	w            *apitest.World
	tok          map[string]string
	competencies []uuid.UUID
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	ctx := context.Background()
	fw := framework.NewService(db)
	current, err := fw.CurrentPublished(ctx)
	if err != nil {
		t.Fatal(err)
	}
	competencies, err := fw.CompetencyIDs(ctx, current.ID)
	if err != nil || len(competencies) < 3 {
		t.Fatalf("competencies: %v %v", competencies, err)
	}
	return &env{s: s, w: w, tok: w.Tokens(t, s), competencies: competencies}
}

// call sends a request as a fixture person ("" for nobody), with If-Match when version > 0.
func (e *env) call(t *testing.T, method, path, who string, version int, body any) *apitest.Response {
	t.Helper()
	return e.s.Versioned(t, method, path, e.tok[who], version, body)
}

// ok sends a change that must succeed and returns the plan it answers, checking the ETag is its version.
func (e *env) ok(t *testing.T, method, path, who string, version int, body any, what string) planJSON {
	t.Helper()
	r := e.call(t, method, path, who, version, body)
	if r.Status != http.StatusOK && r.Status != http.StatusCreated {
		t.Fatalf("%s: %d %s", what, r.Status, r.Body)
	}
	var p planJSON
	r.JSON(t, &p)
	if got := r.Header.Get("ETag"); got != `"`+strconv.Itoa(p.Version)+`"` {
		t.Fatalf("%s: ETag %s for version %d", what, got, p.Version)
	}
	return p
}

// day is a date relative to today, as the API writes it.
func day(years, months, days int) string {
	return time.Now().UTC().AddDate(years, months, days).Format(time.DateOnly)
}

func goal(cid uuid.UUID, level int) map[string]any {
	return map[string]any{"competency_id": cid.String(), "target_level": level, "reason": "Mezera ze sebehodnocení"}
}

func action(kind, title, due string) map[string]any {
	return map[string]any{"kind": kind, "title": title, "due_on": due}
}

// planIn makes a plan of a person for a period, with one goal and one action due on due, in the given state
// (draft, proposed, returned, approved or closed); the lead of the person's team decides.
func (e *env) planIn(t *testing.T, who, lead, state, start, end, due string) planJSON {
	t.Helper()
	p := e.ok(t, "POST", "/api/v1/plans", who, 0, map[string]string{"period_start": start, "period_end": end}, "create")
	path := "/api/v1/plans/" + p.ID
	p = e.ok(t, "POST", path+"/goals", who, p.Version, goal(e.competencies[0], 3), "goal")
	p = e.ok(t, "POST", path+"/actions", who, p.Version, action("course", "Kurz komunikace s dítětem", due), "action")
	if state == "draft" {
		return p
	}
	p = e.ok(t, "POST", path+"/propose", who, p.Version, nil, "propose")
	switch state {
	case "returned":
		p = e.ok(t, "POST", path+"/return", lead, p.Version, map[string]string{"comment": "Doplňte stáž."}, "return")
	case "approved", "closed":
		p = e.ok(t, "POST", path+"/approve", lead, p.Version, map[string]string{}, "approve")
	}
	if state == "closed" {
		p = e.ok(t, "POST", path+"/close", who, p.Version, map[string]string{"evaluation": "Splněno."}, "close")
	}
	if p.State != state {
		t.Fatalf("fixture plan is %s, want %s", p.State, state)
	}
	return p
}
