package plan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// The authorization matrix of development plans (policy.go): every endpoint × every fixture person, and no
// token. Pracovnice A1 has a plan in each state; Vedoucí A1 leads her team. Every change is sent with a stale
// If-Match, so nothing changes and the rows do not depend on their order: whoever the policy lets through gets
// the stale version's 409, whoever may know the plan but not change it 403, and whoever may not know it 404.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		const worker, lead = "workerA1", "leadA1"
		plans := map[string]planJSON{}
		for i, state := range []string{"draft", "proposed", "returned", "approved", "closed"} {
			year := 2030 + i
			plans[state] = e.planIn(t, worker, lead, state, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year), fmt.Sprintf("%d-06-30", year))
		}
		path := func(state string, suffix ...string) string {
			return strings.Join(append([]string{"/api/v1/plans/" + plans[state].ID}, suffix...), "/")
		}
		goalOf := func(state string) string { return plans[state].Goals[0].ID }
		actionOf := func(state string) string { return plans[state].Actions[0].ID }

		type row struct {
			name, method, path string
			body               any
			want               map[string]int // by person; everybody else gets other
			other              int
			items              map[string]int // for the list: how many plans each person sees
			conflict           string         // what a 409 says: the stale version, unless the row says otherwise
		}
		const stale = 409
		// Who may do what to a plan of Pracovnice A1, by the state it is in.
		owner := map[string]int{worker: stale}                   // hers alone: a draft, or editing
		ownerNotLead := map[string]int{worker: stale, lead: 403} // the lead sees it but may not
		leadNotOwner := map[string]int{worker: 403, lead: stale} // approving: never her own
		either := map[string]int{worker: stale, lead: stale}     // carrying out and closing
		rows := []row{
			{name: "list", method: "GET", path: "/api/v1/plans", other: 200, items: map[string]int{worker: 5, lead: 4}},
			{name: "create for Pracovnice A1", method: "POST", path: "/api/v1/plans",
				body: map[string]string{"person_id": e.w.WorkerA1.ID.String(), "period_start": "2030-06-01", "period_end": "2030-06-30"},
				want: map[string]int{worker: 409}, other: 403, conflict: "already a plan"},
			{name: "read a draft", method: "GET", path: path("draft"), want: map[string]int{worker: 200}, other: 404},
			{name: "read a proposed plan", method: "GET", path: path("proposed"), want: map[string]int{worker: 200, lead: 200}, other: 404},
			{name: "read a closed plan", method: "GET", path: path("closed"), want: map[string]int{worker: 200, lead: 200}, other: 404},
			{name: "print a closed plan", method: "GET", path: path("closed", "pdf"), want: map[string]int{worker: 200, lead: 200}, other: 404},
			{name: "print a proposed plan", method: "GET", path: path("proposed", "pdf"), want: map[string]int{worker: 409, lead: 409}, other: 404, conflict: "Only an approved or closed plan"},
			{name: "patch a draft", method: "PATCH", path: path("draft"), body: map[string]string{"note": "x"}, want: owner, other: 404},
			{name: "patch a returned plan", method: "PATCH", path: path("returned"), body: map[string]string{"note": "x"}, want: ownerNotLead, other: 404},
			{name: "add a goal to a draft", method: "POST", path: path("draft", "goals"), body: goal(e.competencies[1], 2), want: owner, other: 404},
			{name: "add a goal", method: "POST", path: path("returned", "goals"), body: goal(e.competencies[1], 2), want: ownerNotLead, other: 404},
			{name: "patch a goal", method: "PATCH", path: path("returned", "goals", goalOf("returned")), body: map[string]int{"target_level": 1}, want: ownerNotLead, other: 404},
			{name: "delete a goal", method: "DELETE", path: path("returned", "goals", goalOf("returned")), want: ownerNotLead, other: 404},
			{name: "add an action", method: "POST", path: path("returned", "actions"), body: action("other", "x", "2032-02-01"), want: ownerNotLead, other: 404},
			{name: "patch an action", method: "PATCH", path: path("returned", "actions", actionOf("returned")), body: map[string]string{"title": "x"}, want: ownerNotLead, other: 404},
			{name: "delete an action", method: "DELETE", path: path("returned", "actions", actionOf("returned")), want: ownerNotLead, other: 404},
			{name: "propose a draft", method: "POST", path: path("draft", "propose"), want: owner, other: 404},
			{name: "propose a returned plan", method: "POST", path: path("returned", "propose"), want: ownerNotLead, other: 404},
			{name: "approve", method: "POST", path: path("proposed", "approve"), body: map[string]string{}, want: leadNotOwner, other: 404},
			{name: "return", method: "POST", path: path("proposed", "return"), body: map[string]string{"comment": "x"}, want: leadNotOwner, other: 404},
			{name: "mark an action done", method: "POST", path: path("approved", "actions", actionOf("approved"), "done"), body: map[string]string{"evidence": "x"}, want: either, other: 404},
			{name: "undo done", method: "DELETE", path: path("approved", "actions", actionOf("approved"), "done"), want: either, other: 404},
			{name: "close", method: "POST", path: path("approved", "close"), body: map[string]string{"evaluation": "x"}, want: either, other: 404},
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
					version := 99
					if r.method == "GET" {
						version = 0
					}
					got := e.call(t, r.method, r.path, who, version, r.body)
					if got.Status != want {
						t.Fatalf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
					conflict := r.conflict
					if conflict == "" {
						conflict = "in the meantime"
					}
					if want == 409 && !strings.Contains(string(got.Body), conflict) {
						t.Errorf("%s %s as %s: a 409 that does not say %q: %s", r.method, r.path, who, conflict, got.Body)
					}
					if r.items != nil && who != "nobody" {
						var page struct{ Items []planJSON }
						got.JSON(t, &page)
						if len(page.Items) != r.items[who] {
							t.Errorf("%s sees %d plans, want %d", who, len(page.Items), r.items[who])
						}
					}
				})
			}
		}
	})
}
