package plan_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/plan"
)

// TestSessionBlocker: who may add a training session to a plan in which state. The person while editing it or
// carrying it out; the lead only while it is carried out. The caller always sees the plan (Current answers only
// such), so a lead never meets a draft.
func TestSessionBlocker(t *testing.T) {
	person := &auth.Principal{UserID: uuid.New()}
	callers := map[string]*auth.Principal{"person": person, "lead": {UserID: uuid.New()}}
	for _, tc := range []struct {
		state string
		by    string
		want  string
	}{
		{plan.Draft, "person", ""},
		{plan.Returned, "person", ""},
		{plan.Approved, "person", ""},
		{plan.Proposed, "person", plan.PlanProposed},
		{plan.Closed, "person", plan.NoPlan},
		{plan.Approved, "lead", ""},
		{plan.Proposed, "lead", plan.PlanProposed},
		{plan.Returned, "lead", plan.PlanReturned},
	} {
		pl := &plan.Plan{PersonID: person.UserID, State: tc.state}
		if got := plan.SessionBlocker(callers[tc.by], pl); got != tc.want {
			t.Errorf("%s plan, by the %s: %q, want %q", tc.state, tc.by, got, tc.want)
		}
	}
	if got := plan.SessionBlocker(person, nil); got != plan.NoPlan {
		t.Errorf("no plan: %q", got)
	}
}
