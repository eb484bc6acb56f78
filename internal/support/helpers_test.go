package support_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
)

// entryJSON and summaryJSON are the parts the tests read.
type entryJSON struct {
	ID           string  `json:"id"`
	PersonID     string  `json:"person_id"`
	Date         string  `json:"date"`
	Minutes      int     `json:"minutes"`
	Kind         string  `json:"kind"`
	Note         string  `json:"note"`
	PlanActionID *string `json:"plan_action_id"`
	Version      int     `json:"version"`
}

type summaryJSON struct {
	Year   int `json:"year"`
	People []struct {
		PersonID     string  `json:"person_id"`
		PersonName   string  `json:"person_name"`
		TotalMinutes int     `json:"total_minutes"`
		TotalHours   float64 `json:"total_hours"`
		Kinds        []struct {
			Kind    string  `json:"kind"`
			Minutes int     `json:"minutes"`
			Hours   float64 `json:"hours"`
		} `json:"kinds"`
	} `json:"people"`
}

// env is a running app with its fixture world, everybody signed in.
type env struct {
	s   *apitest.Server
	w   *apitest.World
	tok map[string]string
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	return &env{s: s, w: w, tok: w.Tokens(t, s)}
}

// call sends a request as a fixture person ("" for nobody), with If-Match when version > 0.
func (e *env) call(t *testing.T, method, path, who string, version int, body any) *apitest.Response {
	t.Helper()
	return e.s.Versioned(t, method, path, e.tok[who], version, body)
}

// ok sends a request that must succeed (200 or 201) and decodes the answer into out.
func (e *env) ok(t *testing.T, method, path, who string, version int, body, out any, what string) {
	t.Helper()
	r := e.call(t, method, path, who, version, body)
	if r.Status != http.StatusOK && r.Status != http.StatusCreated {
		t.Fatalf("%s: %d %s", what, r.Status, r.Body)
	}
	r.JSON(t, out)
}

// log logs an entry as a person.
func (e *env) log(t *testing.T, who, date string, minutes int, kind, note string) entryJSON {
	t.Helper()
	var out entryJSON
	e.ok(t, "POST", "/api/v1/support-log", who, 0, map[string]any{"date": date, "minutes": minutes, "kind": kind, "note": note}, &out, "log "+kind)
	return out
}

// planAction makes a draft plan of a person around today with one action, and returns the action's id.
func (e *env) planAction(t *testing.T, who string) string {
	t.Helper()
	var p struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Actions []struct {
			ID string `json:"id"`
		} `json:"actions"`
	}
	e.ok(t, "POST", "/api/v1/plans", who, 0, map[string]string{"period_start": day(-30), "period_end": day(300)}, &p, "plan")
	e.ok(t, "POST", "/api/v1/plans/"+p.ID+"/actions", who, p.Version,
		map[string]any{"kind": "mentoring", "title": "Mentoring s vedoucí", "due_on": day(60)}, &p, "action")
	return p.Actions[0].ID
}

// day is a day some days from today in Prague, as the API writes it.
func day(days int) string {
	prague, _ := time.LoadLocation("Europe/Prague")
	return time.Now().In(prague).AddDate(0, 0, days).Format(time.DateOnly)
}
