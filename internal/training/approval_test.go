package training_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// settingsJSON is an organisation's training rules as the tests read them.
type settingsJSON struct {
	OrganizationID       string  `json:"organization_id"`
	RegistrationApproval bool    `json:"registration_approval"`
	UpdatedAt            *string `json:"updated_at"`
}

// approval turns lead approval of an organisation's registrations on or off, as Správce Alfa or the operator.
func (e *env) approval(t *testing.T, org fmt.Stringer, on bool) {
	t.Helper()
	var got settingsJSON
	e.ok(t, "PUT", "/api/v1/organizations/"+org.String()+"/training-settings", "admin", 0, map[string]any{"registration_approval": on}, &got, "set approval")
	if got.RegistrationApproval != on || got.UpdatedAt == nil {
		t.Fatalf("settings: %+v", got)
	}
}

// TestRegistrationApproval runs lead approval in Městský úřad Alfa: a worker's own registration waits without a
// seat and her lead hears of it; approved it is placed as any registration (here on the waitlist, the seat having
// gone meanwhile), rejected it is cancelled with the reason she is told; a lead's nomination, a lead's own
// registration with nobody above and another organisation's workers go straight through; turned off, so does
// hers. Concurrent approvals of one registration place it once.
func TestRegistrationApproval(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		w := e.w
		course := e.course(t, "Práce s rodinou", true)
		regs := func(se sessionJSON) string { return "/api/v1/sessions/" + se.ID + "/registrations" }
		register := func(se sessionJSON, who string, body map[string]any) registrationJSON {
			var r registrationJSON
			e.ok(t, "POST", regs(se), who, 0, body, &r, who+" registers")
			return r
		}
		settings := "/api/v1/organizations/" + w.OrgA.ID.String() + "/training-settings"
		var got settingsJSON
		e.ok(t, "GET", settings, "adminA", 0, nil, &got, "defaults")
		if got.RegistrationApproval || got.UpdatedAt != nil || got.OrganizationID != w.OrgA.ID.String() {
			t.Fatalf("defaults: %+v", got)
		}
		apitest.Expect(t, e.call(t, "PUT", settings, "adminA", 0, map[string]any{}), 422, "registration_approval", "no value")
		apitest.Expect(t, e.call(t, "PUT", settings, "adminA", 0, map[string]any{"registration_approval": "yes"}), 422, "registration_approval", "not a boolean")
		e.ok(t, "PUT", settings, "adminA", 0, map[string]any{"registration_approval": true}, &got, "turn approval on")
		e.ok(t, "GET", settings, "adminA", 0, nil, &got, "read")
		if !got.RegistrationApproval {
			t.Fatalf("approval not kept: %+v", got)
		}

		one := e.session(t, course.ID, 10, 1, nil)
		pending := register(one, "workerA1", map[string]any{})
		if pending.Status != "pending" || pending.Position != nil {
			t.Fatalf("own registration: %+v", pending)
		}
		var se sessionJSON
		e.ok(t, "GET", "/api/v1/sessions/"+one.ID, "workerA1", 0, nil, &se, "session")
		if se.Confirmed != 0 || se.SeatsFree != 1 {
			t.Fatalf("a pending registration took a seat: %+v", se)
		}
		if k := e.kinds(t, w.LeadA1.ID); !slices.Equal(k, []string{"registration.approval_requested"}) {
			t.Fatalf("the lead was told: %v", k)
		}
		if k := e.kinds(t, w.WorkerA1.ID); len(k) != 0 {
			t.Fatalf("the worker was told: %v", k)
		}
		apitest.Expect(t, e.call(t, "POST", regs(one), "workerA1", 0, map[string]any{}), 409, "person_id", "pending twice")
		// Pracovnice A2's team has no lead: nobody to ask, so she takes the seat at once.
		if a2 := register(one, "workerA2", map[string]any{}); a2.Status != "confirmed" {
			t.Fatalf("no lead to ask: %+v", a2)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/registrations/"+pending.ID+"/approve", "workerA1", 0, nil), 403, "", "approve my own")
		var approved registrationJSON
		e.ok(t, "POST", "/api/v1/registrations/"+pending.ID+"/approve", "leadA1", 0, nil, &approved, "approve")
		if approved.Status != "waitlisted" || approved.Position == nil || *approved.Position != 1 {
			t.Fatalf("approved into a full session: %+v", approved)
		}
		if k := e.kinds(t, w.WorkerA1.ID); !slices.Equal(k, []string{"registration.waitlisted"}) {
			t.Fatalf("the worker was told: %v", k)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/registrations/"+pending.ID+"/approve", "leadA1", 0, nil), 409, "", "approve twice")

		// Rejected with a reason; registering again waits again; the worker may withdraw a pending one.
		two := e.session(t, course.ID, 11, 5, nil)
		pending = register(two, "workerA1", map[string]any{})
		reject := "/api/v1/registrations/" + pending.ID + "/reject"
		apitest.Expect(t, e.call(t, "POST", reject, "leadA1", 0, map[string]any{"reason": ""}), 422, "reason", "no reason")
		var rejected struct {
			Status       string  `json:"status"`
			CancelReason *string `json:"cancel_reason"`
		}
		e.ok(t, "POST", reject, "leadA1", 0, map[string]any{"reason": "Kurz se kryje s terénní službou."}, &rejected, "reject")
		if rejected.Status != "cancelled" || rejected.CancelReason == nil || *rejected.CancelReason != "Kurz se kryje s terénní službou." {
			t.Fatalf("rejected: %+v", rejected)
		}
		if k := e.kinds(t, w.WorkerA1.ID); k[len(k)-1] != "registration.rejected" {
			t.Fatalf("the worker was told: %v", k)
		}
		apitest.Expect(t, e.call(t, "POST", reject, "leadA1", 0, map[string]any{"reason": "Znovu"}), 409, "", "reject twice")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/registrations/"+pending.ID+"/approve", "leadA1", 0, nil), 409, "", "approve a rejected one")
		again := register(two, "workerA1", map[string]any{})
		if again.Status != "pending" {
			t.Fatalf("registering again: %+v", again)
		}
		e.ok(t, "DELETE", "/api/v1/registrations/"+again.ID, "workerA1", 0, nil, &again, "withdraw a pending registration")
		if again.Status != "cancelled" {
			t.Fatalf("withdrawn: %+v", again)
		}
		var list struct{ Items []registrationJSON }
		e.ok(t, "GET", "/api/v1/registrations?status=pending", "leadA1", 0, nil, &list, "pending list")
		if len(list.Items) != 0 {
			t.Fatalf("still pending: %+v", list.Items)
		}

		// A nomination is the lead's decision; a lead with nobody above registers at once; Beta asks nobody.
		if n := register(two, "leadA1", map[string]any{"person_id": w.WorkerA1.ID.String()}); n.Status != "confirmed" {
			t.Fatalf("nomination: %+v", n)
		}
		own := register(two, "leadA1", map[string]any{})
		if own.Status != "confirmed" {
			t.Fatalf("the lead's own: %+v", own)
		}
		// The lead's own registration is in their list but not among the team's (led=true).
		for query, want := range map[string]int{"": 2, "&led=true": 1} {
			e.ok(t, "GET", "/api/v1/registrations?status=confirmed&session_id="+two.ID+query, "leadA1", 0, nil, &list, "the lead's list"+query)
			if len(list.Items) != want || !slices.ContainsFunc(list.Items, func(r registrationJSON) bool { return r.PersonID == w.WorkerA1.ID.String() }) {
				t.Fatalf("the lead's list%s: %+v, want %d with the nominee's", query, list.Items, want)
			}
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/registrations?led=ano", "leadA1", 0, nil), 422, "led", "led is a boolean")
		if b1 := register(two, "workerB1", map[string]any{}); b1.Status != "confirmed" {
			t.Fatalf("another organisation: %+v", b1)
		}

		// Concurrent approvals of one registration: one places it, the others find it decided.
		three := e.session(t, course.ID, 12, 5, nil)
		pending = register(three, "workerA1", map[string]any{})
		statuses := make([]int, 6)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Go(func() {
				statuses[i] = e.call(t, "POST", "/api/v1/registrations/"+pending.ID+"/approve", "leadA1", 0, nil).Status
			})
		}
		wg.Wait()
		slices.Sort(statuses)
		if !slices.Equal(statuses, []int{200, 409, 409, 409, 409, 409}) {
			t.Fatalf("concurrent approvals: %v", statuses)
		}
		e.ok(t, "GET", "/api/v1/sessions/"+three.ID, "workerA1", 0, nil, &se, "session")
		if se.Confirmed != 1 {
			t.Fatalf("seats after concurrent approvals: %+v", se)
		}

		e.approval(t, w.OrgA.ID, false)
		if r := register(e.session(t, course.ID, 13, 5, nil), "workerA1", map[string]any{}); r.Status != "confirmed" {
			t.Fatalf("approval off: %+v", r)
		}
	})
}

// TestApprovalAuthorization: the endpoints of approval and of the attendance file × every fixture person, and no
// token. Lead approval is on in Alfa. Pracovnice A1's pending registration is at a cancelled session, so approving
// it is refused (409) to her lead and nothing changes; rejecting her confirmed registration is refused (409) too.
// Only an organisation's administrators (and the operator) read and set its rules; they are set to what they are.
// The attendance file goes to a session that has not started (409 for its provider), and to a draft's session
// where nobody registered (422 for its provider).
func TestApprovalAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		w := e.w
		course := e.course(t, "Práce s rodinou", true)
		draft := e.course(t, "Připravovaný kurz", false)
		open := e.session(t, course.ID, 10, 10, nil)
		hidden := e.session(t, draft.ID, 10, 10, nil)
		var confirmed, pending registrationJSON
		e.ok(t, "POST", "/api/v1/sessions/"+open.ID+"/registrations", "workerA1", 0, map[string]any{}, &confirmed, "seat")
		e.approval(t, w.OrgA.ID, true)
		called := e.session(t, course.ID, 11, 10, nil)
		e.ok(t, "POST", "/api/v1/sessions/"+called.ID+"/registrations", "workerA1", 0, map[string]any{}, &pending, "pending")
		e.ok(t, "POST", "/api/v1/sessions/"+called.ID+"/cancel", "providerP", called.Version, nil, &called, "cancel")
		if pending.Status != "pending" {
			t.Fatalf("pending: %+v", pending)
		}

		lead := func(status int) map[string]int {
			return map[string]int{"leadA1": status, "workerA1": 403, "providerP": 403}
		}
		orgA, orgB := "/api/v1/organizations/"+w.OrgA.ID.String()+"/training-settings", "/api/v1/organizations/"+w.OrgB.ID.String()+"/training-settings"
		csv := "email;stav\nworker.a1@test.cz;přítomna\n"
		type row struct {
			name  string
			send  func(who string) *apitest.Response
			want  map[string]int // by person; everybody else gets other
			other int
		}
		call := func(method, path string, body any) func(string) *apitest.Response {
			return func(who string) *apitest.Response { return e.call(t, method, path, who, 0, body) }
		}
		upload := func(sessionID string) func(string) *apitest.Response {
			return func(who string) *apitest.Response { return e.upload(t, sessionID, "", who, "text/csv", csv) }
		}
		rows := []row{
			{"approve a pending registration", call("POST", "/api/v1/registrations/"+pending.ID+"/approve", nil), lead(409), 404},
			{"reject a confirmed registration", call("POST", "/api/v1/registrations/"+confirmed.ID+"/reject", map[string]any{"reason": "Ne"}), lead(409), 404},
			{"read Alfa's training rules", call("GET", orgA, nil), map[string]int{"admin": 200, "adminA": 200}, 403},
			{"read Beta's training rules", call("GET", orgB, nil), map[string]int{"admin": 200}, 403},
			{"read the rules of no organisation", call("GET", "/api/v1/organizations/"+pending.ID+"/training-settings", nil), map[string]int{"admin": 404}, 403},
			{"set Alfa's training rules", call("PUT", orgA, map[string]any{"registration_approval": true}), map[string]int{"admin": 200, "adminA": 200}, 403},
			{"set Beta's training rules", call("PUT", orgB, map[string]any{"registration_approval": false}), map[string]int{"admin": 200}, 403},
			{"import attendance", upload(open.ID), map[string]int{"providerP": 409}, 403},
			{"import a draft's attendance", upload(hidden.ID), map[string]int{"providerP": 422}, 404},
		}
		for _, r := range rows {
			for _, who := range append(w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = http.StatusUnauthorized
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					if got := r.send(who); got.Status != want {
						t.Fatalf("%s as %s: %d %s, want %d", r.name, who, got.Status, got.Body, want)
					}
				})
			}
		}
	})
}
