package training_test

import (
	"context"
	"maps"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// courseJSON, sessionJSON and registrationJSON are the parts the tests read.
type courseJSON struct {
	ID                  string  `json:"id"`
	Title               string  `json:"title"`
	AccreditationNumber *string `json:"accreditation_number"`
	Published           bool    `json:"published"`
	Version             int     `json:"version"`
	Competencies        []struct {
		CompetencyID string `json:"competency_id"`
		TargetLevel  int    `json:"target_level"`
	} `json:"competencies"`
	TargetPositions []string `json:"target_positions"`
}

type sessionJSON struct {
	ID         string `json:"id"`
	StartsAt   string `json:"starts_at"`
	Capacity   int    `json:"capacity"`
	Status     string `json:"status"`
	Version    int    `json:"version"`
	Confirmed  int    `json:"confirmed"`
	Waitlisted int    `json:"waitlisted"`
	SeatsFree  int    `json:"seats_free"`
	OnlineURL  string `json:"online_url"`
}

type registrationJSON struct {
	ID          string  `json:"id"`
	PersonID    string  `json:"person_id"`
	PersonName  string  `json:"person_name"`
	PersonEmail string  `json:"person_email"`
	Status      string  `json:"status"`
	Position    *int    `json:"position"`
	NominatedBy *string `json:"nominated_by"`
}

// env is a running app with its fixture world, everybody signed in, the published model's competencies and a
// position code.
type env struct {
	s            *apitest.Server
	db           *database.DB
	w            *apitest.World
	tok          map[string]string
	competencies []uuid.UUID
	position     string
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
	positions, err := directory.NewService(db).Positions(ctx)
	if err != nil || len(positions) == 0 {
		t.Fatalf("positions: %v %v", positions, err)
	}
	return &env{s: s, db: db, w: w, tok: w.Tokens(t, s), competencies: competencies, position: positions[0].Code}
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

// course makes a course of the fixture provider.
func (e *env) course(t *testing.T, title string, published bool) courseJSON {
	t.Helper()
	var c courseJSON
	e.ok(t, "POST", "/api/v1/courses", "providerP", 0, map[string]any{
		"title": title, "description": "Kurz pro OSPOD", "form": "course", "hours": 8, "published": published,
		"accreditation_number": "A2024/0123-SP/PC", "accredited_from": "2024-01-01", "accredited_until": "2099-12-31",
		"competencies":     []map[string]any{{"competency_id": e.competencies[0].String(), "target_level": 3}},
		"target_positions": []string{e.position},
	}, &c, "create course")
	return c
}

// at is a time some days from now, as RFC 3339.
func at(days int, hour int) string {
	d := time.Now().UTC().AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

// session adds a session of a course, days from now, with capacity seats; extra overrides fields.
func (e *env) session(t *testing.T, courseID string, days, capacity int, extra map[string]any) sessionJSON {
	t.Helper()
	body := map[string]any{"starts_at": at(days, 8), "ends_at": at(days, 15), "place": "Brno, Kounicova 10",
		"capacity": capacity, "price": 1200}
	for k, v := range extra {
		body[k] = v
	}
	var s sessionJSON
	e.ok(t, "POST", "/api/v1/courses/"+courseID+"/sessions", "providerP", 0, body, &s, "create session")
	return s
}

// kinds lists the kinds of notices a person has, oldest first.
func (e *env) kinds(t *testing.T, person uuid.UUID) []string {
	t.Helper()
	var out []string
	err := e.db.NewSelect().Table("notifications").Column("kind").Where("recipient_id = ?", person).OrderExpr("id").Scan(context.Background(), &out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withField is a copy of a request body with one field set.
func withField(body map[string]any, k string, v any) map[string]any {
	m := maps.Clone(body)
	m[k] = v
	return m
}
