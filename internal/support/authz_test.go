package support_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// The authorization matrix of the support log (policy.go): every endpoint × every fixture person, and no token.
// Pracovnice A1 has logged two entries with a private note; Vedoucí A1 leads her team. An entry is hers alone:
// everybody else gets 404, and changes are sent with a stale If-Match or a body the rules refuse, so that nothing
// changes whoever is let through. Every answer to anyone but her is searched for the note.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		const note = "Poznámka jen pro mě: rodina Horákových"
		x := e.log(t, "workerA1", day(-3), 90, "intervision", note)
		gone := e.log(t, "workerA1", day(-4), 30, "mentoring", note)
		entry := "/api/v1/support-log/" + x.ID
		workers := map[string]int{"leadA1": 422, "workerA1": 422, "workerA2": 422, "leadB1": 422, "workerB1": 422}
		type row struct {
			name, method, path string
			body               any
			version            int
			want               map[string]int // by person; everybody else gets other
			other              int
			items              map[string]int // for lists: how many items each person sees; everybody else none
		}
		rows := []row{
			{name: "list", method: "GET", path: "/api/v1/support-log", other: 200, items: map[string]int{"workerA1": 2}},
			{name: "log", method: "POST", path: "/api/v1/support-log", body: map[string]any{"date": day(-1), "minutes": 0, "kind": "mentoring"},
				want: workers, other: 403},
			{name: "my summary", method: "GET", path: "/api/v1/support-log/summary", other: 200},
			{name: "her summary", method: "GET", path: "/api/v1/support-log/summary?person_id=" + e.w.WorkerA1.ID.String(),
				want: map[string]int{"workerA1": 200, "leadA1": 200}, other: 404},
			{name: "her team's summary", method: "GET", path: "/api/v1/support-log/summary?team_id=" + e.w.TeamA1.ID.String(),
				want: map[string]int{"leadA1": 200}, other: 404},
			{name: "read", method: "GET", path: entry, want: map[string]int{"workerA1": 200}, other: 404},
			{name: "change", method: "PATCH", path: entry, version: 99, body: map[string]any{"note": "x"}, want: map[string]int{"workerA1": 409}, other: 404},
			{name: "delete", method: "DELETE", path: "/api/v1/support-log/" + gone.ID, want: map[string]int{"workerA1": 204}, other: 404},
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
					if who != "workerA1" && strings.Contains(string(got.Body), "Horákových") {
						t.Fatalf("%s reads the note: %s", who, got.Body)
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
		// The lead got the hours of the team, hers among them, without the note.
		var s summaryJSON
		e.ok(t, "GET", "/api/v1/support-log/summary?team_id="+e.w.TeamA1.ID.String(), "leadA1", 0, nil, &s, "team")
		for _, p := range s.People {
			if p.PersonID == e.w.WorkerA1.ID.String() && p.TotalMinutes != 90 {
				t.Fatalf("the lead sees %+v, want her 90 minutes", p)
			}
		}
	})
}
