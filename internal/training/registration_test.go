package training_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestSessionsAndRegistrations walks a two-seat session: bad sessions refused naming the field, two confirmed,
// two waitlisted in order, a capacity below the confirmed refused, a cancellation that promotes the first on the
// waitlist at once, each list's reach, a lead's nomination, the deadline, a planned and a cancelled session.
func TestSessionsAndRegistrations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.course(t, "Práce s rodinou v krizi", true)
		sessions := "/api/v1/courses/" + c.ID + "/sessions"
		good := map[string]any{"starts_at": at(10, 8), "ends_at": at(10, 15), "place": "Brno", "capacity": 2}
		with := func(k string, v any) map[string]any { return withField(good, k, v) }
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{with("ends_at", at(10, 7)), "ends_at"},
			{with("starts_at", "2027-03-01 09:00"), "starts_at"},
			{with("place", ""), "place"},
			{with("capacity", 0), "capacity"},
			{with("price", -1), "price"},
			{with("registration_deadline", at(11, 8)), "registration_deadline"},
		} {
			apitest.Expect(t, e.call(t, "POST", sessions, "providerP", 0, bad.body), 422, bad.field, "bad "+bad.field)
		}
		apitest.Expect(t, e.call(t, "POST", sessions, "workerA1", 0, good), 403, "", "a worker adds a session")

		var se sessionJSON
		prague := with("starts_at", "2030-03-01T09:00:00+01:00")
		prague["ends_at"] = "2030-03-01T16:00:00+01:00"
		e.ok(t, "POST", sessions, "providerP", 0, prague, &se, "session")
		if se.StartsAt != "2030-03-01T08:00:00Z" || se.Status != "open" || se.SeatsFree != 2 {
			t.Fatalf("session: %+v", se)
		}
		regs := "/api/v1/sessions/" + se.ID + "/registrations"
		register := func(who string, body map[string]any) registrationJSON {
			t.Helper()
			var r registrationJSON
			e.ok(t, "POST", regs, who, 0, body, &r, who+" registers")
			return r
		}
		a1 := register("workerA1", map[string]any{})
		apitest.Expect(t, e.call(t, "POST", regs, "workerA1", 0, map[string]any{}), 409, "person_id", "twice")
		apitest.Expect(t, e.call(t, "POST", regs, "leadA1", 0, map[string]any{"person_id": e.w.WorkerA1.ID.String()}), 409, "person_id", "nominated twice")
		apitest.Expect(t, e.call(t, "POST", regs, "leadA1", 0, map[string]any{"person_id": e.w.WorkerB1.ID.String()}), 403, "", "nominating a stranger")
		apitest.Expect(t, e.call(t, "POST", regs, "providerP", 0, map[string]any{}), 403, "", "a provider registers")
		lead := register("leadA1", map[string]any{})
		a2 := register("workerA2", map[string]any{})
		b1 := register("workerB1", map[string]any{})
		if a1.Status != "confirmed" || lead.Status != "confirmed" || a2.Status != "waitlisted" || *a2.Position != 1 ||
			b1.Status != "waitlisted" || *b1.Position != 2 || a1.Position != nil {
			t.Fatalf("registrations: %+v %+v %+v %+v", a1, lead, a2, b1)
		}
		e.ok(t, "GET", "/api/v1/sessions/"+se.ID, "workerA1", 0, nil, &se, "session")
		if se.Status != "full" || se.Confirmed != 2 || se.Waitlisted != 2 || se.SeatsFree != 0 {
			t.Fatalf("full session: %+v", se)
		}
		apitest.Expect(t, e.call(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"capacity": 1}), 422, "capacity", "capacity below confirmed")

		apitest.Expect(t, e.call(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"status": "held"}), 422, "status", "held before it starts")
		apitest.Expect(t, e.call(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"online_url": "meet.example.cz"}), 422, "online_url", "a link without its scheme")
		apitest.Expect(t, e.call(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"online_url": "", "place": ""}), 422, "place", "neither a place nor a link")

		var cancelled registrationJSON
		e.ok(t, "DELETE", "/api/v1/registrations/"+a1.ID, "leadA1", 0, nil, &cancelled, "the lead cancels")
		apitest.Expect(t, e.call(t, "DELETE", "/api/v1/registrations/"+a1.ID, "workerA1", 0, nil), 409, "", "cancelled twice")
		apitest.Expect(t, e.call(t, "DELETE", "/api/v1/registrations/"+a2.ID, "providerP", 0, nil), 403, "", "the provider cancels")
		apitest.Expect(t, e.call(t, "DELETE", "/api/v1/registrations/"+a2.ID, "workerB1", 0, nil), 404, "", "a stranger cancels")
		list := func(who, query string) []registrationJSON {
			t.Helper()
			var page struct{ Items []registrationJSON }
			e.ok(t, "GET", "/api/v1/registrations?"+query, who, 0, nil, &page, who+" lists")
			return page.Items
		}
		all := list("providerP", "session_id="+se.ID)
		byPerson := map[uuid.UUID]registrationJSON{}
		for _, r := range all {
			byPerson[uuid.MustParse(r.PersonID)] = r
		}
		if len(all) != 4 || byPerson[e.w.WorkerA1.ID].Status != "cancelled" || byPerson[e.w.WorkerA2.ID].Status != "confirmed" ||
			byPerson[e.w.WorkerB1.ID].Status != "waitlisted" || *byPerson[e.w.WorkerB1.ID].Position != 1 || byPerson[e.w.WorkerB1.ID].PersonEmail != "worker.b1@test.cz" {
			t.Fatalf("after the cancellation: %+v", all)
		}
		if got := e.kinds(t, e.w.WorkerA2.ID); !slices.Equal(got, []string{"registration.waitlisted", "registration.promoted"}) {
			t.Errorf("Pracovnice A2 was told %v", got)
		}
		if n := len(list("workerA2", "")); n != 1 {
			t.Errorf("Pracovnice A2 sees %d registrations", n)
		}
		if n := len(list("leadA1", "")); n != 2 {
			t.Errorf("Vedoucí A1 sees %d registrations (hers and her member's)", n)
		}
		if n := len(list("workerB1", "person_id="+e.w.WorkerA2.ID.String())); n != 0 {
			t.Errorf("Pracovnice B1 sees %d registrations of someone else", n)
		}

		// More seats go to the waitlist; a new place is announced to everyone registered.
		e.ok(t, "GET", "/api/v1/sessions/"+se.ID, "providerP", 0, nil, &se, "session")
		e.ok(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"capacity": 3, "place": "Jihlava"}, &se, "more seats")
		if se.Confirmed != 3 || se.Waitlisted != 0 || se.Status != "full" {
			t.Fatalf("after more seats: %+v", se)
		}
		if got := e.kinds(t, e.w.WorkerB1.ID); !slices.Equal(got, []string{"registration.waitlisted", "session.changed", "registration.promoted"}) {
			t.Errorf("Pracovnice B1 was told %v", got)
		}
		// An online link is set, and cleared again.
		e.ok(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"online_url": "https://meet.example.cz/kurz"}, &se, "a link")
		e.ok(t, "PATCH", "/api/v1/sessions/"+se.ID, "providerP", se.Version, map[string]any{"online_url": ""}, &se, "the link cleared")
		if se.OnlineURL != "" {
			t.Errorf("the link stays: %q", se.OnlineURL)
		}

		// A lead nominates a member; the member is told.
		var next sessionJSON
		e.ok(t, "POST", sessions, "providerP", 0, good, &next, "second session")
		nominated := e.call(t, "POST", "/api/v1/sessions/"+next.ID+"/registrations", "leadA1", 0, map[string]any{"person_id": e.w.WorkerA1.ID.String()})
		var nom registrationJSON
		apitest.Expect(t, nominated, 201, "", "nominate").JSON(t, &nom)
		if nom.NominatedBy == nil || *nom.NominatedBy != e.w.LeadA1.ID.String() || nom.Status != "confirmed" {
			t.Fatalf("nominated: %+v", nom)
		}
		if got := e.kinds(t, e.w.WorkerA1.ID); !slices.Contains(got, "registration.nominated") {
			t.Errorf("Pracovnice A1 was told %v", got)
		}

		// The rules of a session that takes no registrations.
		late := e.session(t, c.ID, 5, 5, map[string]any{"registration_deadline": at(-1, 8)})
		apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+late.ID+"/registrations", "workerA1", 0, map[string]any{}), 409, "session", "after the deadline")
		planned := e.session(t, c.ID, 5, 5, map[string]any{"status": "planned"})
		apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+planned.ID+"/registrations", "workerA1", 0, map[string]any{}), 409, "session", "planned")
		var off sessionJSON
		e.ok(t, "POST", "/api/v1/sessions/"+next.ID+"/cancel", "providerP", next.Version, nil, &off, "cancel the session")
		if off.Status != "cancelled" {
			t.Fatalf("cancelled: %+v", off)
		}
		if got := e.kinds(t, e.w.WorkerA1.ID); got[len(got)-1] != "session.cancelled" {
			t.Errorf("Pracovnice A1 was told %v", got)
		}
		r := apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+next.ID+"/registrations", "workerA2", 0, map[string]any{}), 409, "session", "cancelled")
		if !strings.Contains(string(r.Body), `"code":"cancelled"`) {
			t.Errorf("the problem does not name the rule: %s", r.Body)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+next.ID+"/cancel", "providerP", off.Version, nil), 409, "", "cancelled twice")
	})
}

// TestPaging walks the sessions (by start, then id) and the courses a page of one at a time: every item once, in
// order, on both engines.
func TestPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.course(t, "Kurz A", true)
		e.course(t, "Kurz B", true)
		var want []string
		for _, days := range []int{9, 3, 3, 7} {
			want = append(want, e.session(t, c.ID, days, 5, nil).ID)
		}
		want = []string{want[1], want[2], want[3], want[0]} // by start; the two on day 3 by id, as created
		walk := func(path string) []string {
			t.Helper()
			var got []string
			next := ""
			for range 10 {
				var page struct {
					Items      []struct{ ID string }
					NextCursor *string `json:"next_cursor"`
				}
				e.ok(t, "GET", path+"limit=1"+next, "workerA2", 0, nil, &page, path)
				for _, it := range page.Items {
					got = append(got, it.ID)
				}
				if page.NextCursor == nil {
					return got
				}
				next = "&cursor=" + *page.NextCursor
			}
			t.Fatalf("%s: the pages do not end", path)
			return nil
		}
		if got := walk("/api/v1/sessions?course_id=" + c.ID + "&"); !slices.Equal(got, want) {
			t.Errorf("sessions: %v, want %v", got, want)
		}
		if got := walk("/api/v1/courses?"); len(got) != 2 || got[1] != c.ID {
			t.Errorf("courses: %v, newest first, want the first course last", got)
		}
	})
}
