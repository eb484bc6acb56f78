package recommend_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// listJSON and itemJSON are the parts of the answers the tests read.
type listJSON struct {
	PersonID      string  `json:"person_id"`
	WindowStart   string  `json:"window_start"`
	WindowEnd     string  `json:"window_end"`
	AcceptBlocker *string `json:"accept_blocker"`
	Plan          *struct {
		ID      string `json:"id"`
		State   string `json:"state"`
		Version int    `json:"version"`
	} `json:"plan"`
	Items []itemJSON `json:"items"`
}

type itemJSON struct {
	SessionID   string    `json:"session_id"`
	CourseTitle string    `json:"course_title"`
	EndsAt      time.Time `json:"ends_at"`
	SeatsFree   int       `json:"seats_free"`
	Score       int       `json:"score"`
	GoalID      *string   `json:"goal_id"`
	Why         string    `json:"why"`
	Covers      []struct {
		CompetencyID  string `json:"competency_id"`
		Code          string `json:"code"`
		Name          string `json:"name"`
		ExpectedLevel int    `json:"expected_level"`
		AgreedLevel   int    `json:"agreed_level"`
		Gap           int    `json:"gap"`
		TargetLevel   int    `json:"target_level"`
		Covered       int    `json:"covered"`
	} `json:"covers"`
}

type acceptedJSON struct {
	Plan struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Actions []struct {
			ID string `json:"id"`
		} `json:"actions"`
	} `json:"plan"`
	Action struct {
		ID                string  `json:"id"`
		Kind              string  `json:"kind"`
		Title             string  `json:"title"`
		DueOn             string  `json:"due_on"`
		GoalID            *string `json:"goal_id"`
		TrainingSessionID *string `json:"training_session_id"`
	} `json:"action"`
	Registration struct {
		SessionID   string  `json:"session_id"`
		PersonID    string  `json:"person_id"`
		Status      string  `json:"status"`
		NominatedBy *string `json:"nominated_by"`
	} `json:"registration"`
}

// env is a running app with its fixture world, everybody signed in, and the gaps of Pracovnice A1: she is an
// OSPOD social worker whose agreed levels meet her position's profile except in two competencies — big, where she
// is at level 1 of an expected 4, and small, at 1 of an expected 2; none is a competency she masters beyond need.
type env struct {
	s                *apitest.Server
	db               *database.DB
	w                *apitest.World
	tok              map[string]string
	big, small, none uuid.UUID
	expected         map[uuid.UUID]int
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	ctx := context.Background()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	e := &env{s: s, db: db, w: w, tok: w.Tokens(t, s), expected: map[uuid.UUID]int{}}
	fw := framework.NewService(db)
	current, err := fw.CurrentPublished(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var positionID uuid.UUID
	if err := db.NewSelect().Table("positions").Column("id").Where("code = 'ospod-social-worker'").Scan(ctx, &positionID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewUpdate().Table("users").Set("position_id = ?", positionID).Where("id = ?", w.WorkerA1.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	competencies, err := fw.CompetencyIDs(ctx, current.ID)
	if err != nil || len(competencies) < 3 {
		t.Fatalf("competencies: %v %v", competencies, err)
	}
	// Region CZ063 (organisation A) expects level 4 of big and 2 of small and none, so her gaps are known here.
	e.big, e.small, e.none = competencies[0], competencies[1], competencies[2]
	var refine framework.ProfileInput
	levels := map[uuid.UUID]int{}
	for _, cid := range competencies {
		expected := map[uuid.UUID]int{e.big: 4, e.small: 2, e.none: 2}[cid]
		if expected == 0 {
			expected = 3
		}
		e.expected[cid] = expected
		levels[cid] = 4
		refine.Levels = append(refine.Levels, struct {
			CompetencyID string `json:"competency_id" validate:"required,uuid"`
			Level        *int   `json:"level" validate:"omitempty,min=1,max=4"`
		}{cid.String(), &expected})
	}
	methodologist := &auth.Principal{UserID: w.MethodologistA.ID, Grants: []auth.Grant{{Role: auth.Methodologist, RegionCode: "CZ063"}}}
	if _, err := fw.SetProfile(ctx, methodologist, positionID, current.ID, "CZ063", refine); err != nil {
		t.Fatal(err)
	}
	levels[e.big], levels[e.small] = 1, 1
	e.agree(t, w.WorkerA1.ID, current.ID, levels)
	return e
}

// agree stores an agreed assessment of a person as the assessment workflow leaves it.
func (e *env) agree(t *testing.T, person, frameworkID uuid.UUID, levels map[uuid.UUID]int) {
	t.Helper()
	ctx := context.Background()
	at := time.Now().UTC().AddDate(0, 0, -30).Truncate(time.Second)
	a := &assessment.Assessment{ID: uuid.Must(uuid.NewV7()), PersonID: person, FrameworkID: frameworkID, State: assessment.Agreed,
		Version: 5, SubmittedAt: &at, ReviewedAt: &at, AgreedAt: &at, CreatedAt: at, UpdatedAt: at}
	if _, err := e.db.NewInsert().Model(a).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var rows []assessment.Rating
	for cid, l := range levels {
		level := l
		rows = append(rows, assessment.Rating{AssessmentID: a.ID, CompetencyID: cid, SelfLevel: &level, LeadLevel: &level, AgreedLevel: &level})
	}
	if _, err := e.db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		t.Fatal(err)
	}
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

// course makes a published (or draft) course of the fixture provider with some hours, developing competencies up
// to levels.
func (e *env) course(t *testing.T, title string, hours int, published bool, develops map[uuid.UUID]int) string {
	t.Helper()
	var comps []map[string]any
	for cid, level := range develops {
		comps = append(comps, map[string]any{"competency_id": cid.String(), "target_level": level})
	}
	var c struct{ ID string }
	e.ok(t, "POST", "/api/v1/courses", "providerP", 0, map[string]any{"title": title, "form": "course", "hours": hours,
		"published": published, "competencies": comps}, &c, "create course "+title)
	return c.ID
}

// at is 8:00 UTC (or another hour) some days from now, as RFC 3339.
func at(days, hour int) string {
	d := time.Now().UTC().AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

type sessionJSON struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// session adds a session of a course, days from now from 8:00 to 15:00 UTC, with capacity seats; extra overrides
// fields.
func (e *env) session(t *testing.T, courseID string, days, capacity int, extra map[string]any) sessionJSON {
	t.Helper()
	body := map[string]any{"starts_at": at(days, 8), "ends_at": at(days, 15), "place": "Brno, Kounicova 10", "capacity": capacity}
	for k, v := range extra {
		body[k] = v
	}
	var s sessionJSON
	e.ok(t, "POST", "/api/v1/courses/"+courseID+"/sessions", "providerP", 0, body, &s, "create session")
	return s
}

// register registers a person for a session themselves.
func (e *env) register(t *testing.T, who, sessionID string) {
	t.Helper()
	e.ok(t, "POST", "/api/v1/sessions/"+sessionID+"/registrations", who, 0, map[string]any{}, &struct{}{}, who+" registers")
}

// list reads a person's recommendations as someone.
func (e *env) list(t *testing.T, who string, person uuid.UUID) listJSON {
	t.Helper()
	var out listJSON
	e.ok(t, "GET", apitest.Path("people", person, "recommendations"), who, 0, nil, &out, who+" lists recommendations")
	return out
}

// sessions are the session ids of a list, in its order.
func (l listJSON) sessions() []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.SessionID
	}
	return out
}

func (l listJSON) item(t *testing.T, sessionID string) itemJSON {
	t.Helper()
	i := slices.IndexFunc(l.Items, func(it itemJSON) bool { return it.SessionID == sessionID })
	if i < 0 {
		t.Fatalf("session %s is not recommended: %v", sessionID, l.sessions())
	}
	return l.Items[i]
}

// planOf makes Pracovnice A1's plan for today and the next 60 days, with a goal for the big gap, and takes it to a
// state (draft, proposed, approved); Vedoucí A1 decides. It answers the plan's id, version and the goal's id.
func (e *env) planOf(t *testing.T, state string) (id string, version int, goalID string) {
	t.Helper()
	type planJSON struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Goals   []struct {
			ID string `json:"id"`
		} `json:"goals"`
	}
	var p planJSON
	today := time.Now().UTC()
	e.ok(t, "POST", "/api/v1/plans", "workerA1", 0, map[string]string{"period_start": today.Format(time.DateOnly),
		"period_end": today.AddDate(0, 0, 60).Format(time.DateOnly)}, &p, "create plan")
	path := "/api/v1/plans/" + p.ID
	e.ok(t, "POST", path+"/goals", "workerA1", p.Version, map[string]any{"competency_id": e.big.String(), "target_level": 3}, &p, "goal")
	e.ok(t, "POST", path+"/actions", "workerA1", p.Version, map[string]any{"kind": "supervision", "title": "Supervize případu",
		"due_on": today.AddDate(0, 0, 30).Format(time.DateOnly)}, &p, "action")
	if state != "draft" {
		e.ok(t, "POST", path+"/propose", "workerA1", p.Version, nil, &p, "propose")
	}
	if state == "approved" {
		e.ok(t, "POST", path+"/approve", "leadA1", p.Version, map[string]string{}, &p, "approve")
	}
	return p.ID, p.Version, p.Goals[0].ID
}

// count counts rows of a table that meet a condition.
func (e *env) count(t *testing.T, table, where string, args ...any) int {
	t.Helper()
	n, err := e.db.NewSelect().Table(table).Where(where, args...).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
