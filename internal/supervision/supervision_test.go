package supervision_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/supervision"
)

type sessionJSON struct {
	ID           string  `json:"id"`
	SeriesID     *string `json:"series_id"`
	StartsAt     string  `json:"starts_at"`
	EndsAt       string  `json:"ends_at"`
	Place        string  `json:"place"`
	Status       string  `json:"status"`
	Detached     bool    `json:"detached"`
	Version      int     `json:"version"`
	HasNote      bool    `json:"has_note"`
	Participants []struct {
		PersonID string `json:"person_id"`
		Attended *bool  `json:"attended"`
	} `json:"participants"`
}

type planJSON struct {
	SeriesID *string       `json:"series_id"`
	Items    []sessionJSON `json:"items"`
}

type env struct {
	s   *apitest.Server
	db  *database.DB
	w   *apitest.World
	tok map[string]string
}

func newEnv(t *testing.T, db *database.DB) *env {
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	return &env{s: s, db: db, w: w, tok: w.Tokens(t, s)}
}

func (e *env) call(t *testing.T, method, path, who string, version int, body any) *apitest.Response {
	t.Helper()
	return e.s.Versioned(t, method, path, e.tok[who], version, body)
}

func (e *env) ok(t *testing.T, method, path, who string, version int, body, out any) {
	t.Helper()
	r := e.call(t, method, path, who, version, body)
	if r.Status != http.StatusOK && r.Status != http.StatusCreated {
		t.Fatalf("%s %s as %s: %d %s", method, path, who, r.Status, r.Body)
	}
	if out != nil {
		r.JSON(t, out)
	}
}

var prague, _ = time.LoadLocation("Europe/Prague")

// teamSeries is what Vedoucí A1 plans: team supervision of Tým A1 every 6 weeks on Tuesday, 9:00–11:00 Prague
// time, six times from 7 September 2027 (across the October and March clock changes).
func (e *env) teamSeries() map[string]any {
	return map[string]any{"team_id": e.w.TeamA1.ID.String(), "kind": "team", "supervisor_id": e.w.Supervisor.ID.String(),
		"starts_at": "2027-09-07T09:00:00+02:00", "ends_at": "2027-09-07T11:00:00+02:00", "place": "Alfa, zasedačka",
		"rrule": "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6"}
}

func local(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v.In(prague)
}

// toPast moves a session to have taken place yesterday, as if time had passed.
func (e *env) toPast(t *testing.T, id string) {
	t.Helper()
	y := time.Now().UTC().Add(-26 * time.Hour).Truncate(time.Second)
	if _, err := e.db.NewUpdate().Table("supervision_sessions").Set("starts_at = ?, ends_at = ?", y, y.Add(2*time.Hour)).
		Where("id = ?", id).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestSupervisionJourney: a lead plans a 6-weekly series that keeps 9:00 across the clock changes, moves one
// session on its own and the rest of the series together, cancels one; the supervisor cannot confirm a future
// session but confirms a past one with who attended; a participant writes a private note that is stored sealed.
func TestSupervisionJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var plan planJSON
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, e.teamSeries(), &plan)
		if plan.SeriesID == nil || len(plan.Items) != 6 {
			t.Fatalf("plan: %+v", plan)
		}
		for i, s := range plan.Items {
			st := local(t, s.StartsAt)
			if st.Hour() != 9 || st.Weekday() != time.Tuesday || len(s.Participants) != 2 || s.Status != "planned" {
				t.Errorf("session %d: %s %d participants %s", i, st, len(s.Participants), s.Status)
			}
		}
		if e.notices(t, e.w.WorkerA1.ID, "supervision.planned") != 1 || e.notices(t, e.w.Supervisor.ID, "supervision.planned") != 1 ||
			e.notices(t, e.w.LeadA1.ID, "supervision.planned") != 0 {
			t.Error("one notice for the series to the participant and the supervisor, none to the lead who planned it")
		}

		path := func(i int) string { return "/api/v1/supervision/sessions/" + plan.Items[i].ID }
		var one sessionJSON
		e.ok(t, "PATCH", path(1), "leadA1", 1, map[string]any{"starts_at": "2027-10-19T13:00:00+02:00", "ends_at": "2027-10-19T15:00:00+02:00"}, &one)
		if !one.Detached || local(t, one.StartsAt).Hour() != 13 {
			t.Fatalf("one occurrence: %+v", one)
		}
		// The rest of the series moves a day later to 10:00 (winter time by then), the detached one stays.
		var moved sessionJSON
		e.ok(t, "PATCH", path(2), "leadA1", 1, map[string]any{"scope": "series", "starts_at": "2027-12-01T10:00:00+01:00",
			"ends_at": "2027-12-01T12:00:00+01:00", "place": "Supervizní místnost"}, &moved)
		var after []sessionJSON
		var page struct{ Items []sessionJSON }
		e.ok(t, "GET", "/api/v1/supervision/sessions?team_id="+e.w.TeamA1.ID.String(), "leadA1", 0, nil, &page)
		after = page.Items
		if len(after) != 6 || local(t, after[1].StartsAt).Hour() != 13 {
			t.Fatalf("after: %+v", after)
		}
		for _, s := range after[2:] {
			st := local(t, s.StartsAt)
			if st.Hour() != 10 || st.Weekday() != time.Wednesday || s.Place != "Supervizní místnost" {
				t.Errorf("carried: %s %s", st, s.Place)
			}
		}
		// The April session is in summer time: 10:00 local is 08:00 UTC.
		if v, _ := time.Parse(time.RFC3339, after[5].StartsAt); v.UTC().Hour() != 8 {
			t.Errorf("after the March change: %s", after[5].StartsAt)
		}
		var cancelled sessionJSON
		e.ok(t, "POST", path(5)+"/cancel", "leadA1", after[5].Version, map[string]any{}, &cancelled)
		if cancelled.Status != "cancelled" {
			t.Fatalf("cancel: %+v", cancelled)
		}
		apitest.Expect(t, e.call(t, "PATCH", path(5), "leadA1", cancelled.Version, map[string]any{"place": "X"}), 409, "", "change a cancelled one")

		apitest.Expect(t, e.call(t, "POST", path(0)+"/confirm", "supervisor", 1, map[string]any{"attended": []string{}}), 409, "session", "confirm the future")
		e.toPast(t, plan.Items[0].ID)
		apitest.Expect(t, e.call(t, "POST", path(0)+"/confirm", "leadA1", 1, map[string]any{}), 403, "", "the lead confirms")
		apitest.Expect(t, e.call(t, "POST", path(0)+"/confirm", "supervisor", 1, map[string]any{"attended": []string{e.w.WorkerA2.ID.String()}}),
			422, "attended[0]", "an outsider attended")
		var held sessionJSON
		e.ok(t, "POST", path(0)+"/confirm", "supervisor", 1, map[string]any{"attended": []string{e.w.WorkerA1.ID.String()}}, &held)
		attended := map[string]bool{}
		for _, p := range held.Participants {
			attended[p.PersonID] = p.Attended != nil && *p.Attended
		}
		if held.Status != "held" || !attended[e.w.WorkerA1.ID.String()] || attended[e.w.LeadA1.ID.String()] {
			t.Fatalf("held: %+v", held)
		}

		const secret = "Bylo mi těžko mluvit o případu Novákových."
		var n struct{ Text string }
		e.ok(t, "PUT", path(0)+"/note", "workerA1", 0, map[string]any{"text": secret}, &n)
		e.ok(t, "GET", path(0)+"/note", "workerA1", 0, nil, &n)
		if n.Text != secret {
			t.Fatalf("note: %q", n.Text)
		}
		var sealed []byte
		if err := db.NewSelect().Table("supervision_notes").Column("sealed").Scan(context.Background(), &sealed); err != nil {
			t.Fatal(err)
		}
		if len(sealed) == 0 || bytes.Contains(sealed, []byte("Novákových")) {
			t.Fatalf("the note is stored as %q", sealed)
		}
		var withNote sessionJSON
		e.ok(t, "GET", path(0), "workerA1", 0, nil, &withNote)
		if !withNote.HasNote {
			t.Error("has_note")
		}
		apitest.Expect(t, e.call(t, "PUT", path(0)+"/note", "workerA1", 0, map[string]any{"text": strings.Repeat("a", 10001)}), 422, "text", "too long")
		// Nobody else reads it, through any endpoint: the session, the list, the audit log never hold the text.
		for _, who := range e.w.Names() {
			for _, p := range []string{path(0), path(0) + "/note", "/api/v1/supervision/sessions"} {
				if r := e.call(t, "GET", p, who, 0, nil); bytes.Contains(r.Body, []byte("Novákových")) && who != "workerA1" || p == path(0)+"/note" && who != "workerA1" && r.Status != 404 {
					t.Errorf("%s GET %s: %d %s", who, p, r.Status, r.Body)
				}
			}
		}
		audits, _ := db.NewSelect().Table("audit_log").Where("CAST(after AS text) LIKE ?", "%Novákových%").Count(context.Background())
		if audits != 0 {
			t.Error("the note's text reached the audit log")
		}
		apitest.Expect(t, e.call(t, "DELETE", path(0)+"/note", "workerA1", 0, nil), 204, "", "delete the note")
		apitest.Expect(t, e.call(t, "GET", path(0)+"/note", "workerA1", 0, nil), 404, "", "deleted")
	})
}

// notices counts a person's notices of a kind.
func (e *env) notices(t *testing.T, person uuid.UUID, kind string) int {
	t.Helper()
	n, err := e.db.NewSelect().Table("notifications").Where("recipient_id = ? AND kind = ?", person, kind).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestPlanBadInput: each refusal names its field, and nothing is saved.
func TestPlanBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		with := func(k string, v any) map[string]any {
			m := e.teamSeries()
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
			return m
		}
		for name, c := range map[string]struct {
			body  map[string]any
			field string
		}{
			"end before start":        {with("ends_at", "2027-09-07T08:00:00+02:00"), "ends_at"},
			"longer than 8 hours":     {with("ends_at", "2027-09-07T18:00:00+02:00"), "ends_at"},
			"a rule that never ends":  {with("rrule", "FREQ=WEEKLY;INTERVAL=6"), "rrule"},
			"too many occurrences":    {with("rrule", "FREQ=WEEKLY;COUNT=100"), "rrule"},
			"not a rule":              {with("rrule", "každých šest týdnů"), "rrule"},
			"an outsider takes part":  {with("participant_ids", []string{e.w.WorkerA2.ID.String()}), "participant_ids[0]"},
			"a worker as supervisor":  {with("supervisor_id", e.w.WorkerA2.ID.String()), "supervisor_id"},
			"an unknown kind":         {with("kind", "coaching"), "kind"},
			"individual for two":      {with("kind", "individual"), "participant_ids"},
			"a start that is no time": {with("starts_at", "7. 9. 2027 9:00"), "starts_at"},
			"no team":                 {with("team_id", nil), "team_id"},
			"individual of an outsider": {func() map[string]any {
				m := with("kind", "individual")
				m["participant_ids"] = []string{e.w.WorkerB1.ID.String()}
				return m
			}(), "participant_ids[0]"},
		} {
			apitest.Expect(t, e.call(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, c.body), 422, c.field, name)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/supervision/sessions", "workerA1", 0, e.teamSeries()), 403, "", "a member plans")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/supervision/sessions", "leadB1", 0, e.teamSeries()), 404, "", "another team's lead")
		if n, _ := db.NewSelect().Table("supervision_sessions").Count(context.Background()); n != 0 {
			t.Fatalf("%d sessions saved by refused requests", n)
		}
	})
}

// TestAuthorizationMatrix: every endpoint × every fixture person and no token. Changes are sent so that nothing
// changes whoever is let through (a stale If-Match, a body the rules refuse).
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var plan planJSON
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, e.teamSeries(), &plan)
		s := "/api/v1/supervision/sessions/" + plan.Items[0].ID
		e.ok(t, "PUT", s+"/note", "workerA1", 0, map[string]any{"text": "moje"}, nil)
		tooLong := map[string]any{"text": strings.Repeat("a", 10001)}
		policy := "/api/v1/organizations/" + e.w.OrgA.ID.String() + "/supervision-policy"
		seen := map[string]int{"leadA1": 200, "workerA1": 200, "supervisor": 200}
		rows := []struct {
			name, method, path string
			version            int
			body               any
			want               map[string]int
			other              int
			items              map[string]int
		}{
			{"supervisors", "GET", "/api/v1/supervision/supervisors", 0, nil, map[string]int{"leadA1": 200, "leadB1": 200}, 403, nil},
			{"invite a supervisor", "POST", "/api/v1/supervision/supervisors", 0, map[string]any{"email": "worker.a2@test.cz", "name": "X"},
				map[string]int{"leadA1": 409, "leadB1": 409, "adminA": 409, "admin": 409}, 403, nil},
			{"read the policy", "GET", policy, 0, nil, map[string]int{"leadA1": 200, "adminA": 200, "admin": 200}, 404, nil},
			{"set the policy", "PUT", policy, 7, map[string]any{"team_interval_weeks": 8},
				map[string]int{"leadA1": 403, "adminA": 409, "admin": 409}, 404, nil},
			{"team standing", "GET", "/api/v1/teams/" + e.w.TeamA1.ID.String() + "/supervision", 0, nil,
				map[string]int{"leadA1": 200, "adminA": 200, "admin": 200, "workerA1": 403}, 404, nil},
			{"list", "GET", "/api/v1/supervision/sessions", 0, nil, nil, 200, map[string]int{"leadA1": 6, "workerA1": 6, "supervisor": 6}},
			{"read", "GET", s, 0, nil, seen, 404, nil},
			{"plan", "POST", "/api/v1/supervision/sessions", 0, map[string]any{"team_id": e.w.TeamA1.ID.String(), "kind": "team",
				"supervisor_id": e.w.Supervisor.ID.String(), "starts_at": "2027-09-07T09:00:00+02:00", "ends_at": "2027-09-07T08:00:00+02:00"},
				map[string]int{"leadA1": 422, "workerA1": 403, "adminA": 403, "admin": 403}, 404, nil},
			{"change", "PATCH", s, 7, map[string]any{"place": "X"}, map[string]int{"leadA1": 409, "workerA1": 403, "supervisor": 403}, 404, nil},
			{"cancel", "POST", s + "/cancel", 7, map[string]any{}, map[string]int{"leadA1": 409, "workerA1": 403, "supervisor": 403}, 404, nil},
			{"confirm", "POST", s + "/confirm", 7, map[string]any{}, map[string]int{"supervisor": 409, "leadA1": 403, "workerA1": 403}, 404, nil},
			{"read my note", "GET", s + "/note", 0, nil, map[string]int{"workerA1": 200}, 404, nil},
			{"write a note", "PUT", s + "/note", 0, tooLong, map[string]int{"workerA1": 422, "leadA1": 422}, 404, nil},
			{"delete a note", "DELETE", s + "/note", 0, nil, map[string]int{"workerA1": 204}, 404, nil}, // the last row: it deletes
		}
		// Accepting an invitation needs no login: a bad token is 422 to everybody.
		for _, who := range append(e.w.Names(), "nobody") {
			apitest.Expect(t, e.call(t, "POST", "/api/v1/auth/invitations/accept", who, 0, map[string]any{"token": "x", "password": "Dlouhe-heslo-42"}),
				422, "token", who+" accepts a made-up invitation")
		}
		for _, r := range rows {
			for _, who := range append(e.w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = 401
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					got := e.call(t, r.method, r.path, who, r.version, r.body)
					if got.Status != want {
						t.Fatalf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
					if r.items != nil && who != "nobody" {
						var page struct{ Items []map[string]any }
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

// TestRemindUnconfirmed: a session that ended more than two days ago and is still planned reminds its supervisor,
// once however often the task runs; one that ended yesterday, a confirmed one and a month-old one do not.
func TestRemindUnconfirmed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var plan planJSON
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, e.teamSeries(), &plan)
		now := time.Now().UTC().Truncate(time.Second)
		for i, endedAgo := range []time.Duration{72 * time.Hour, 24 * time.Hour, 40 * 24 * time.Hour, 72 * time.Hour} {
			end := now.Add(-endedAgo)
			if _, err := db.NewUpdate().Table("supervision_sessions").Set("starts_at = ?, ends_at = ?", end.Add(-2*time.Hour), end).
				Where("id = ?", plan.Items[i].ID).Exec(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		e.ok(t, "POST", "/api/v1/supervision/sessions/"+plan.Items[3].ID+"/confirm", "supervisor", 1, map[string]any{}, nil)
		svc, err := supervision.NewService(db, directory.NewService(db), apitest.Config().NotesKey)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if err := svc.RemindUnconfirmed(context.Background(), now); err != nil {
				t.Fatal(err)
			}
		}
		var ids []string
		if err := db.NewSelect().Table("notifications").Column("entity_id").Where("kind = ?", "supervision.unconfirmed").
			Scan(context.Background(), &ids); err != nil {
			t.Fatal(err)
		}
		if len(ids) != 1 || ids[0] != plan.Items[0].ID {
			t.Fatalf("reminded of %v, want only %s", ids, plan.Items[0].ID)
		}
	})
}

// TestPolicyAndStanding: an organisation's admin sets its policy (team supervision at most 8 weeks apart, 2 hours
// of individual supervision a year); the lead reads how the team and each member stand in 2025 from the sessions
// the supervisor confirmed.
func TestPolicyAndStanding(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		policy := "/api/v1/organizations/" + e.w.OrgA.ID.String() + "/supervision-policy"
		var pol struct {
			TeamIntervalWeeks *int `json:"team_interval_weeks"`
			Version           int  `json:"version"`
		}
		e.ok(t, "GET", policy, "leadA1", 0, nil, &pol)
		if pol.TeamIntervalWeeks != nil || pol.Version != 1 {
			t.Fatalf("no policy yet: %+v", pol)
		}
		set := map[string]any{"team_interval_weeks": 8, "individual_hours": 2}
		apitest.Expect(t, e.call(t, "PUT", policy, "leadA1", 1, set), 403, "", "a lead sets it")
		apitest.Expect(t, e.call(t, "PUT", policy, "adminA", 1, map[string]any{"team_interval_weeks": 0}), 422, "team_interval_weeks", "0 weeks")
		e.ok(t, "PUT", policy, "adminA", 1, set, &pol)
		apitest.Expect(t, e.call(t, "PUT", policy, "adminA", 1, set), 409, "", "stale")
		for who, want := range map[string]int{"workerA1": 404, "leadB1": 404, "supervisor": 404, "admin": 200} {
			apitest.Expect(t, e.call(t, "GET", policy, who, 0, nil), want, "", who+" reads the policy")
		}

		team := e.teamSeries()
		team["starts_at"], team["ends_at"], team["rrule"] = "2025-01-07T09:00:00+01:00", "2025-01-07T11:00:00+01:00", "FREQ=WEEKLY;INTERVAL=6;COUNT=9"
		var series planJSON
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, team, &series)
		only := map[string]any{"attended": []string{e.w.WorkerA1.ID.String()}}
		for _, s := range series.Items {
			e.ok(t, "POST", "/api/v1/supervision/sessions/"+s.ID+"/confirm", "supervisor", 1, only, nil)
		}
		var individual planJSON
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, map[string]any{"team_id": e.w.TeamA1.ID.String(), "kind": "individual",
			"supervisor_id": e.w.Supervisor.ID.String(), "participant_ids": []string{e.w.WorkerA1.ID.String()},
			"starts_at": "2025-03-05T10:00:00+01:00", "ends_at": "2025-03-05T12:00:00+01:00"}, &individual)
		e.ok(t, "POST", "/api/v1/supervision/sessions/"+individual.Items[0].ID+"/confirm", "supervisor", 1, only, nil)

		var standing struct {
			LongestGap   int   `json:"longest_gap_days"`
			WithinPolicy *bool `json:"within_policy"`
			People       []struct {
				PersonName   string             `json:"person_name"`
				Hours        map[string]float64 `json:"hours"`
				WithinPolicy *bool              `json:"within_policy"`
			} `json:"people"`
		}
		e.ok(t, "GET", "/api/v1/teams/"+e.w.TeamA1.ID.String()+"/supervision?year=2025", "leadA1", 0, nil, &standing)
		// Six weeks apart all year, and 2 December to the year's end is 30 days.
		if standing.LongestGap != 42 || standing.WithinPolicy == nil || !*standing.WithinPolicy || len(standing.People) != 2 {
			t.Fatalf("standing: %+v", standing)
		}
		a1, lead := standing.People[0], standing.People[1]
		if a1.PersonName != "Pracovnice A1" || a1.Hours["team"] != 18 || a1.Hours["individual"] != 2 || !*a1.WithinPolicy ||
			lead.Hours["team"] != 0 || *lead.WithinPolicy {
			t.Fatalf("people: %+v", standing.People)
		}
		// A stricter policy: four weeks apart.
		e.ok(t, "PUT", policy, "adminA", 2, map[string]any{"team_interval_weeks": 4}, &pol)
		e.ok(t, "GET", "/api/v1/teams/"+e.w.TeamA1.ID.String()+"/supervision?year=2025", "leadA1", 0, nil, &standing)
		if standing.WithinPolicy == nil || *standing.WithinPolicy || standing.People[0].WithinPolicy != nil {
			t.Fatalf("4 weeks, no individual rule: %+v", standing)
		}
		for who, want := range map[string]int{"leadA1": 200, "adminA": 200, "admin": 200, "workerA1": 403, "leadB1": 404, "supervisor": 404, "workerA2": 404} {
			apitest.Expect(t, e.call(t, "GET", "/api/v1/teams/"+e.w.TeamA1.ID.String()+"/supervision", who, 0, nil), want, "", who+" reads the standing")
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/teams/"+e.w.TeamA1.ID.String()+"/supervision?year=1999", "leadA1", 0, nil), 422, "year", "1999")
	})
}

// TestInviteSupervisor: a lead names an external supervisor by e-mail; the new account gets a one-time link (in
// the invitation e-mail) to set its password, then signs in and plans nothing but sees what it runs. Naming an
// existing supervisor answers them; an address of a worker is refused; a used or unknown link is refused.
func TestInviteSupervisor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		invite := "/api/v1/supervision/supervisors"
		var out struct {
			ID      string `json:"id"`
			Created bool   `json:"created"`
		}
		r := apitest.Expect(t, e.call(t, "POST", invite, "leadA1", 0, map[string]any{"email": "Nova.Supervizorka@Example.cz", "name": " Nová Supervizorka "}), 201, "", "invite")
		r.JSON(t, &out)
		if !out.Created {
			t.Fatalf("invite: %s", r.Body)
		}
		var link string
		if err := db.NewSelect().Table("notifications").Column("link").Where("recipient_id = ? AND kind = ?", out.ID, "account.invited").
			Scan(ctx, &link); err != nil {
			t.Fatalf("the invitation: %v", err)
		}
		token := strings.TrimPrefix(link, "/nastavit-heslo?pozvanka=")
		if token == link || len(token) < 40 {
			t.Fatalf("link %q", link)
		}
		stored, _ := db.NewSelect().Table("invitations").Where("token_hash = ?", token).Count(ctx)
		if stored != 0 {
			t.Error("the token is stored in clear")
		}
		again := apitest.Expect(t, e.call(t, "POST", invite, "leadB1", 0, map[string]any{"email": "nova.supervizorka@example.cz", "name": "Jiná"}), 200, "", "invite again")
		again.JSON(t, &out)
		if out.Created {
			t.Error("a second invitation made a second account")
		}
		apitest.Expect(t, e.call(t, "POST", invite, "leadA1", 0, map[string]any{"email": "worker.a2@test.cz", "name": "X"}), 409, "email", "a worker's address")
		apitest.Expect(t, e.call(t, "POST", invite, "leadA1", 0, map[string]any{"email": "not-an-address", "name": "X"}), 422, "email", "no address")
		apitest.Expect(t, e.call(t, "POST", invite, "workerA1", 0, map[string]any{"email": "x@example.cz", "name": "X"}), 403, "", "a worker invites")

		accept := func(token, password string) *apitest.Response {
			return e.s.Do(t, apitest.Request{Method: "POST", Path: "/api/v1/auth/invitations/accept", Body: map[string]any{"token": token, "password": password}})
		}
		apitest.Expect(t, accept(token, "kratke"), 422, "password", "a short password")
		apitest.Expect(t, accept("nic", "Dlouhe-heslo-42"), 422, "token", "an unknown token")
		apitest.Expect(t, accept(token, "Dlouhe-heslo-42"), 204, "", "accept")
		apitest.Expect(t, accept(token, "Jine-dlouhe-heslo-43"), 422, "token", "the link again")
		sv := e.s.Login(t, "nova.supervizorka@example.cz", "Dlouhe-heslo-42")
		var page struct{ Items []map[string]any }
		e.s.Get(t, "/api/v1/supervision/sessions", sv).JSON(t, &page)
		if len(page.Items) != 0 {
			t.Errorf("the new supervisor sees %d sessions", len(page.Items))
		}
		// She can now be named for a session.
		body := e.teamSeries()
		body["supervisor_id"] = out.ID
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, body, nil)
	})
}
