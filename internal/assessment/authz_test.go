package assessment_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// The authorization matrix of assessments, profiles and heatmaps (policy.go): every endpoint × every fixture
// person, and no token. WorkerA1 has a submitted assessment (their lead is LeadA1), WorkerA2 a draft (team A2
// has no lead). Changes carry the assessment's current version, so only the policy and the state decide. The
// rows that succeed (the lead's proposal, review and return, the author's autosave) leave every other person's
// answer unchanged, so the order people are tried in does not matter.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		current, err := framework.NewService(db).CurrentPublished(ctx)
		if err != nil {
			t.Fatal(err)
		}
		competencies, err := framework.NewService(db).CompetencyIDs(ctx, current.ID)
		if err != nil {
			t.Fatal(err)
		}
		start := func(who string) string {
			var a assessment
			if r := s.Post(t, "/api/v1/assessments", tok[who], nil); r.Status != 201 {
				t.Fatalf("start as %s: %d %s", who, r.Status, r.Body)
			} else {
				r.JSON(t, &a)
			}
			return "/api/v1/assessments/" + a.ID
		}
		all := []any{}
		for _, cid := range competencies {
			all = append(all, map[string]any{"competency_id": cid.String(), "level": 2})
		}
		submitted, draft := start("workerA1"), start("workerA2")
		if r := s.Do(t, apitest.Request{Method: "PUT", Path: submitted + "/ratings", Token: tok["workerA1"], Body: map[string]any{"ratings": all}, Headers: map[string]string{"If-Match": `"1"`}}); r.Status != 200 {
			t.Fatalf("rate: %d %s", r.Status, r.Body)
		}
		if r := s.Do(t, apitest.Request{Method: "POST", Path: submitted + "/submit", Token: tok["workerA1"], Headers: map[string]string{"If-Match": `"2"`}}); r.Status != 200 {
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}
		one := []any{map[string]any{"competency_id": competencies[0].String(), "level": 3}}
		comment := map[string]string{"comment": "Doplňte prosím doklady."}

		type row struct {
			name, method, path string
			body               any
			want               map[string]int // by person; everybody else gets other
			other              int
		}
		rows := []row{
			{name: "list", method: "GET", path: "/api/v1/assessments", other: 200},
			{name: "start", method: "POST", path: "/api/v1/assessments", other: 403,
				want: map[string]int{"leadA1": 201, "leadB1": 201, "workerA1": 409, "workerA2": 409, "workerB1": 201}},
			{name: "read submitted", method: "GET", path: submitted, want: map[string]int{"workerA1": 200, "leadA1": 200}, other: 404},
			{name: "rate submitted", method: "PUT", path: submitted + "/ratings", body: map[string]any{"ratings": one},
				want: map[string]int{"workerA1": 409, "leadA1": 403}, other: 404},
			{name: "propose", method: "PUT", path: submitted + "/proposals", body: map[string]any{"proposals": one},
				want: map[string]int{"workerA1": 403, "leadA1": 200}, other: 404},
			{name: "submit again", method: "POST", path: submitted + "/submit", want: map[string]int{"workerA1": 409, "leadA1": 403}, other: 404},
			{name: "agree before review", method: "POST", path: submitted + "/agree", want: map[string]int{"workerA1": 409, "leadA1": 403}, other: 404},
			{name: "print before agreement", method: "GET", path: submitted + "/pdf", want: map[string]int{"workerA1": 409, "leadA1": 409}, other: 404},
			{name: "review", method: "POST", path: submitted + "/review", body: map[string]string{}, want: map[string]int{"workerA1": 403, "leadA1": 200}, other: 404},
			{name: "return", method: "POST", path: submitted + "/return", body: comment, want: map[string]int{"workerA1": 403, "leadA1": 200}, other: 404},
			{name: "read draft", method: "GET", path: draft, want: map[string]int{"workerA2": 200}, other: 404},
			{name: "rate draft", method: "PUT", path: draft + "/ratings", body: map[string]any{"ratings": one}, want: map[string]int{"workerA2": 200}, other: 404},
			{name: "review draft", method: "POST", path: draft + "/review", body: map[string]string{}, want: map[string]int{"workerA2": 403}, other: 404},
			{name: "print draft", method: "GET", path: draft + "/pdf", want: map[string]int{"workerA2": 409}, other: 404},
			{name: "profile", method: "GET", path: apitest.Path("people", w.WorkerA1.ID, "competency-profile"), want: map[string]int{"workerA1": 200, "leadA1": 200}, other: 404},
			{name: "profile of the unled", method: "GET", path: apitest.Path("people", w.WorkerA2.ID, "competency-profile"), want: map[string]int{"workerA2": 200}, other: 404},
			{name: "heatmap A1", method: "GET", path: apitest.Path("teams", w.TeamA1.ID, "heatmap"),
				want: map[string]int{"leadA1": 200, "workerA1": 403, "admin": 403, "adminA": 403}, other: 404},
			{name: "heatmap A2", method: "GET", path: apitest.Path("teams", w.TeamA2.ID, "heatmap"),
				want: map[string]int{"workerA2": 403, "admin": 403, "adminA": 403}, other: 404},
		}
		version := func(path string) string {
			id, err := uuid.Parse(path[len("/api/v1/assessments/"):])
			if err != nil {
				return `"1"`
			}
			var v int
			if err := db.NewSelect().Table("assessments").Column("version").Where("id = ?", id).Scan(ctx, &v); err != nil {
				t.Fatal(err)
			}
			return `"` + strconv.Itoa(v) + `"`
		}
		for _, r := range rows {
			for _, who := range append(w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = 401
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					h := map[string]string{}
					if r.method != "GET" && r.path != "/api/v1/assessments" {
						h["If-Match"] = version(r.path[:len("/api/v1/assessments/")+36])
					}
					got := s.Do(t, apitest.Request{Method: r.method, Path: r.path, Token: tok[who], Body: r.body, Headers: h})
					if got.Status != want {
						t.Errorf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
				})
			}
		}
	})
}
