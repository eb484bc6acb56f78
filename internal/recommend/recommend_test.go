package recommend_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// catalogue is the sessions TestRanking and the others look for, by what makes each one recommended or not.
type catalogue struct {
	big, small, long, later, far                                          string // recommended, in this order
	low, none, draft, full, cancelled, started, late, registered, tooLate string // never recommended
}

// newCatalogue offers, through the provider's API, sessions of courses for Pracovnice A1's gaps and every reason
// a session must not be recommended.
func (e *env) newCatalogue(t *testing.T) catalogue {
	t.Helper()
	bigCourse := e.course(t, "Rozhovor s dítětem", 8, true, map[uuid.UUID]int{e.big: 4, e.none: 4})
	smallCourse := e.course(t, "Spisová služba", 8, true, map[uuid.UUID]int{e.small: 4})
	longCourse := e.course(t, "Spisová služba do hloubky", 16, true, map[uuid.UUID]int{e.small: 4})
	lowCourse := e.course(t, "Úvod do rozhovoru", 4, true, map[uuid.UUID]int{e.big: 1})
	noneCourse := e.course(t, "Co už umí", 8, true, map[uuid.UUID]int{e.none: 4})
	draftCourse := e.course(t, "Připravovaný kurz", 8, false, map[uuid.UUID]int{e.big: 4})
	var c catalogue
	c.big = e.session(t, bigCourse, 20, 10, nil).ID
	// The longer course's session comes first in the catalogue: only its hours rank it after the shorter one.
	c.long = e.session(t, longCourse, 10, 10, nil).ID
	c.small = e.session(t, smallCourse, 10, 10, nil).ID
	c.later = e.session(t, smallCourse, 15, 10, nil).ID
	c.far = e.session(t, smallCourse, 90, 10, nil).ID
	c.low = e.session(t, lowCourse, 10, 10, nil).ID
	c.none = e.session(t, noneCourse, 10, 10, nil).ID
	c.draft = e.session(t, draftCourse, 10, 10, nil).ID
	c.full = e.session(t, smallCourse, 11, 1, nil).ID
	e.register(t, "workerA2", c.full)
	cancelled := e.session(t, smallCourse, 12, 10, nil)
	c.cancelled = cancelled.ID
	e.ok(t, "POST", "/api/v1/sessions/"+c.cancelled+"/cancel", "providerP", cancelled.Version, nil, &sessionJSON{}, "cancel")
	c.started = e.session(t, smallCourse, 13, 10, nil).ID
	now := time.Now().UTC().Truncate(time.Second)
	if _, err := e.db.NewUpdate().Table("training_sessions").
		Set("starts_at = ?, ends_at = ?, registration_deadline = ?", now.Add(-time.Hour), now.Add(3*time.Hour), now.Add(time.Hour)).
		Where("id = ?", c.started).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.late = e.session(t, smallCourse, 14, 10, map[string]any{"registration_deadline": at(-1, 8)}).ID
	c.registered = e.session(t, smallCourse, 16, 10, nil).ID
	e.register(t, "workerA1", c.registered)
	c.tooLate = e.session(t, smallCourse, 400, 10, nil).ID
	return c
}

// TestRanking: the bigger covered gap ranks first, then the sooner start, then fewer hours; a session that is
// full, cancelled, started, past its deadline, already booked, of a draft course, of a course developing no gap
// or aiming no higher than the person is, or outside the window, is absent. The window is the plan's period,
// else 12 months; a lead does not see a draft plan, so for them the window stays 12 months.
func TestRanking(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.newCatalogue(t)
		person := e.w.WorkerA1.ID

		l := e.list(t, "workerA1", person)
		if want := []string{c.big, c.small, c.long, c.later, c.far}; !slices.Equal(l.sessions(), want) {
			t.Fatalf("order %v, want %v (catalogue %+v)", l.sessions(), want, c)
		}
		if l.Plan != nil || l.AcceptBlocker == nil || *l.AcceptBlocker != "no_plan" {
			t.Fatalf("without a plan: plan %+v, blocker %v", l.Plan, l.AcceptBlocker)
		}
		today := time.Now().UTC()
		if l.WindowEnd != today.AddDate(1, 0, 0).Format(time.DateOnly) && l.WindowEnd != today.AddDate(1, 0, 1).Format(time.DateOnly) {
			t.Fatalf("window %s – %s, want 12 months", l.WindowStart, l.WindowEnd)
		}
		big := l.item(t, c.big)
		bigGap := e.expected[e.big] - 1
		if big.Score != bigGap || len(big.Covers) != 1 || big.SeatsFree != 10 {
			t.Fatalf("big: score %d, covers %+v, seats %d; want score %d from one competency", big.Score, big.Covers, big.SeatsFree, bigGap)
		}
		cov := big.Covers[0]
		if cov.CompetencyID != e.big.String() || cov.Gap != bigGap || cov.Covered != bigGap || cov.TargetLevel != 4 ||
			cov.AgreedLevel != 1 || cov.ExpectedLevel != e.expected[e.big] || cov.Code == "" || cov.Name == "" {
			t.Fatalf("big covers %+v", cov)
		}
		if !strings.Contains(big.Why, cov.Code) || !strings.HasPrefix(big.Why, "Rozvíjí ") {
			t.Fatalf("why: %q", big.Why)
		}
		if s := l.item(t, c.small); s.Score != 1 || s.Covers[0].Gap != 1 {
			t.Fatalf("small: %+v", s)
		}

		// A plan for the next 60 days narrows the window for Pracovnice A1; her lead does not see the draft.
		planID, _, goalID := e.planOf(t, "draft")
		l = e.list(t, "workerA1", person)
		if want := []string{c.big, c.small, c.long, c.later}; !slices.Equal(l.sessions(), want) {
			t.Fatalf("with a plan: %v, want %v", l.sessions(), want)
		}
		if l.Plan == nil || l.Plan.ID != planID || l.Plan.State != "draft" || l.AcceptBlocker != nil {
			t.Fatalf("with a plan: plan %+v, blocker %v", l.Plan, l.AcceptBlocker)
		}
		if g := l.item(t, c.big).GoalID; g == nil || *g != goalID {
			t.Fatalf("big serves goal %v, want %s", g, goalID)
		}
		if g := l.item(t, c.small).GoalID; g != nil {
			t.Fatalf("small serves goal %v; the plan has no goal for its competency", *g)
		}
		if own := e.list(t, "leadA1", e.w.LeadA1.ID); len(own.Items) != 0 {
			t.Fatalf("Vedoucí A1 has no assessed gaps, yet %d recommendations", len(own.Items))
		}
		lead := e.list(t, "leadA1", person)
		if lead.Plan != nil || len(lead.Items) != 5 || *lead.AcceptBlocker != "no_plan" {
			t.Fatalf("the lead sees plan %+v, %d items, blocker %v", lead.Plan, len(lead.Items), lead.AcceptBlocker)
		}

		// Seventeen more sessions make 21 recommended: the list shows the best 20.
		course := e.course(t, "Spisová služba opakovaně", 8, true, map[uuid.UUID]int{e.small: 4})
		for day := 20; day < 37; day++ {
			e.session(t, course, day, 5, nil)
		}
		if l = e.list(t, "workerA1", person); len(l.Items) != 20 || l.Items[0].SessionID != c.big {
			t.Fatalf("%d items, first %s", len(l.Items), l.Items[0].SessionID)
		}
	})
}

// TestAccept: accepting adds the plan action and the registration together; a plan that cannot take it (none the
// caller sees, proposed) is 409 on "plan" with nothing saved; the lead's acceptance into an approved plan is a
// nomination; a registration the rules refuse takes the plan action back with it.
func TestAccept(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.newCatalogue(t)
		person := e.w.WorkerA1.ID
		path := apitest.Path("people", person, "recommendations", "accept")
		planID, version, goalID := e.planOf(t, "draft")
		actions := func() int { return e.count(t, "plan_actions", "plan_id = ?", planID) }
		booked := func(session string) int {
			return e.count(t, "registrations", "session_id = ? AND person_id = ? AND status <> 'cancelled'", session, person)
		}

		// The lead does not see the draft: there is no plan they could add to.
		r := apitest.Expect(t, e.call(t, "POST", path, "leadA1", 0, map[string]string{"session_id": c.big}), 409, "plan", "lead into a draft")
		if !strings.Contains(string(r.Body), `"code":"no_plan"`) || actions() != 1 || booked(c.big) != 0 {
			t.Fatalf("lead into a draft: %s; %d actions, %d bookings", r.Body, actions(), booked(c.big))
		}

		var got acceptedJSON
		r = e.call(t, "POST", path, "workerA1", 0, map[string]string{"session_id": c.big})
		apitest.Expect(t, r, 201, "", "accept big")
		r.JSON(t, &got)
		a := got.Action
		if a.Kind != "course" || a.TrainingSessionID == nil || *a.TrainingSessionID != c.big || a.GoalID == nil || *a.GoalID != goalID ||
			!strings.HasPrefix(a.Title, "Rozhovor s dítětem (") {
			t.Fatalf("action %+v", a)
		}
		var ends time.Time
		if err := db.NewSelect().Table("training_sessions").Column("ends_at").Where("id = ?", c.big).Scan(context.Background(), &ends); err != nil {
			t.Fatal(err)
		}
		if want := ends.In(prague(t)).Format(time.DateOnly); a.DueOn != want {
			t.Fatalf("due %s, want the day the session ends, %s", a.DueOn, want)
		}
		if g := got.Registration; g.SessionID != c.big || g.PersonID != person.String() || g.Status != "confirmed" || g.NominatedBy != nil {
			t.Fatalf("registration %+v", g)
		}
		if got.Plan.ID != planID || got.Plan.Version != version+1 || len(got.Plan.Actions) != 2 || r.Header.Get("ETag") != `"`+strconv.Itoa(version+1)+`"` {
			t.Fatalf("plan %+v, ETag %s", got.Plan, r.Header.Get("ETag"))
		}
		if slices.Contains(e.list(t, "workerA1", person).sessions(), c.big) {
			t.Fatal("a booked session is still recommended")
		}
		apitest.Expect(t, e.call(t, "POST", path, "workerA1", 0, map[string]string{"session_id": c.big}), 422, "session_id", "accept twice")

		// A proposed plan waits for the lead's decision, for both of them.
		e.ok(t, "POST", "/api/v1/plans/"+planID+"/propose", "workerA1", version+1, nil, &struct{}{}, "propose")
		for _, who := range []string{"workerA1", "leadA1"} {
			r := apitest.Expect(t, e.call(t, "POST", path, who, 0, map[string]string{"session_id": c.small}), 409, "plan", who+" into a proposed plan")
			if !strings.Contains(string(r.Body), `"code":"plan_proposed"`) || actions() != 2 || booked(c.small) != 0 {
				t.Fatalf("%s into a proposed plan: %s; %d actions, %d bookings", who, r.Body, actions(), booked(c.small))
			}
		}

		// Approved, the lead adds training to it: a nomination.
		e.ok(t, "POST", "/api/v1/plans/"+planID+"/approve", "leadA1", version+2, map[string]string{}, &struct{}{}, "approve")
		got = acceptedJSON{}
		e.ok(t, "POST", path, "leadA1", 0, map[string]string{"session_id": c.small}, &got, "lead accepts small")
		if g := got.Registration; g.NominatedBy == nil || *g.NominatedBy != e.w.LeadA1.ID.String() || g.PersonID != person.String() ||
			got.Action.GoalID != nil || actions() != 3 {
			t.Fatalf("nomination %+v, action %+v, %d actions", g, got.Action, actions())
		}

		// No longer a worker, she may not register: the action she would have added goes with the refusal.
		if _, err := db.NewDelete().Table("role_assignments").Where("user_id = ? AND role = 'worker'", person).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		apitest.Expect(t, e.call(t, "POST", path, "workerA1", 0, map[string]string{"session_id": c.long}), 403, "", "a refused registration")
		if actions() != 3 || booked(c.long) != 0 || e.count(t, "plans", "id = ? AND version = ?", planID, version+4) != 1 {
			t.Fatalf("after a refused registration: %d actions, %d bookings", actions(), booked(c.long))
		}
	})
}

// TestAuthorizationMatrix: every fixture person and no token × both endpoints, about Pracovnice A1 with a proposed
// plan (so an acceptance let through is refused on the plan and nothing changes). Only she and the lead of her
// team learn anything; anyone else gets 404, as for her profile.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.newCatalogue(t)
		e.planOf(t, "proposed")
		list := apitest.Path("people", e.w.WorkerA1.ID, "recommendations")
		rows := []struct {
			method, path string
			body         any
			want         map[string]int
		}{
			{"GET", list, nil, map[string]int{"workerA1": 200, "leadA1": 200}},
			{"POST", list + "/accept", map[string]string{"session_id": c.big}, map[string]int{"workerA1": 409, "leadA1": 409}},
		}
		for _, row := range rows {
			for _, who := range append(e.w.Names(), "") {
				want, ok := row.want[who]
				switch {
				case who == "":
					want = 401
				case !ok:
					want = 404
				}
				if r := e.call(t, row.method, row.path, who, 0, row.body); r.Status != want {
					t.Errorf("%s %s as %q: %d %s, want %d", row.method, row.path, who, r.Status, r.Body, want)
				}
			}
		}
		if n := e.count(t, "registrations", "session_id = ?", c.big); n != 0 {
			t.Fatalf("the matrix booked %d seats", n)
		}
	})
}

// TestBadInput: what accept refuses is a 4xx problem naming the field; a malformed person is 404.
func TestBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.newCatalogue(t)
		e.planOf(t, "draft")
		path := apitest.Path("people", e.w.WorkerA1.ID, "recommendations", "accept")
		for _, tc := range []struct {
			name string
			body any
		}{
			{"missing", map[string]string{}},
			{"malformed", map[string]string{"session_id": "not-a-uuid"}},
			{"unknown", map[string]string{"session_id": uuid.NewString()}},
			{"full", map[string]string{"session_id": c.full}},
			{"of a course for no gap", map[string]string{"session_id": c.none}},
			{"past its deadline", map[string]string{"session_id": c.late}},
		} {
			apitest.Expect(t, e.call(t, "POST", path, "workerA1", 0, tc.body), 422, "session_id", tc.name)
		}
		apitest.Expect(t, e.call(t, "POST", path, "workerA1", 0, map[string]any{"session_id": c.big, "extra": 1}), 422, "", "unknown field")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/people/nobody/recommendations", "workerA1", 0, nil), 404, "", "malformed person")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/people/nobody/recommendations/accept", "workerA1", 0, map[string]string{"session_id": c.big}), 404, "", "malformed person")
		if n := e.count(t, "plan_actions", "training_session_id IS NOT NULL"); n != 0 {
			t.Fatalf("bad input added %d actions", n)
		}
	})
}

func prague(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
