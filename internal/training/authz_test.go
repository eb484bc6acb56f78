package training_test

import (
	"fmt"
	"testing"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// The authorization matrix of training (policy.go): every endpoint × every fixture person, and no token. Lektor
// Gama (providerP) offers a published course with an open session and a session past its deadline, and a draft
// course with a session; Pracovnice A1 holds a seat at the open session and a cancelled registration at another;
// Vedoucí A1 leads her team. Changes are sent so that nothing changes whoever is let through: with a stale
// If-Match (409), a body the rules refuse (422), to a session past its deadline or a cancelled registration (409);
// whoever may know the record but not change it gets 403, whoever may not know it 404. Attendance is the
// provider's alone: to everybody else it is 403 (or 404 for a draft's session).
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		course := e.course(t, "Práce s rodinou", true)
		draft := e.course(t, "Připravovaný kurz", false)
		open := e.session(t, course.ID, 10, 10, nil)
		late := e.session(t, course.ID, 5, 10, map[string]any{"registration_deadline": at(-1, 8)})
		hidden := e.session(t, draft.ID, 10, 10, nil)
		var seat, gone registrationJSON
		e.ok(t, "POST", "/api/v1/sessions/"+open.ID+"/registrations", "workerA1", 0, map[string]any{}, &seat, "seat")
		other := e.session(t, course.ID, 12, 10, nil)
		e.ok(t, "POST", "/api/v1/sessions/"+other.ID+"/registrations", "workerA1", 0, map[string]any{}, &gone, "other seat")
		e.ok(t, "DELETE", "/api/v1/registrations/"+gone.ID, "workerA1", 0, nil, &gone, "cancel it")
		// A session that took place, where Pracovnice A1 was present and got a certificate.
		done := e.session(t, course.ID, 20, 10, nil)
		var attended registrationJSON
		e.ok(t, "POST", "/api/v1/sessions/"+done.ID+"/registrations", "workerA1", 0, map[string]any{}, &attended, "attended seat")
		e.moveSession(t, done.ID, -5, -1)
		e.ok(t, "PUT", "/api/v1/sessions/"+done.ID+"/attendance", "providerP", 0, entries(entry(attended.ID, "present")), &attendanceJSON{}, "present")
		e.ok(t, "POST", "/api/v1/sessions/"+done.ID+"/close", "providerP", done.Version, nil, &sessionJSON{}, "close")
		var issued issuedJSON
		e.ok(t, "POST", "/api/v1/sessions/"+done.ID+"/certificates", "providerP", 0, nil, &issued, "issue")
		certificate := issued.Items[0].ID

		const stale = 409
		provider := map[string]int{"providerP": stale}
		badCourse := map[string]any{"title": "X", "form": "course", "hours": 1, "accreditation_number": "bad"}
		// The open session has not started: recording its attendance is 409 for its provider.
		present := map[string]any{"entries": []map[string]any{{"registration_id": seat.ID, "status": "present"}}}
		badSession := map[string]any{"starts_at": at(3, 10), "ends_at": at(3, 9), "place": "Brno", "capacity": 5}
		// Everybody with the worker role registers themselves; here the deadline has passed.
		workers := map[string]int{"leadA1": 409, "workerA1": 409, "workerA2": 409, "leadB1": 409, "workerB1": 409}
		type row struct {
			name, method, path string
			body               any
			version            int
			want               map[string]int // by person; everybody else gets other
			other              int
			items              map[string]int // for lists: how many items each person sees; everybody else otherItems
			otherItems         int
			public             bool // answers without a login too
		}
		rows := []row{
			{name: "list courses", method: "GET", path: "/api/v1/courses", other: 200, items: map[string]int{"providerP": 2}, otherItems: 1},
			{name: "list sessions", method: "GET", path: "/api/v1/sessions", other: 200, items: map[string]int{"providerP": 5}, otherItems: 4},
			{name: "list registrations", method: "GET", path: "/api/v1/registrations", other: 200,
				items: map[string]int{"providerP": 3, "workerA1": 3, "leadA1": 3}, otherItems: 0},
			{name: "create a course", method: "POST", path: "/api/v1/courses", body: badCourse, want: map[string]int{"providerP": 422}, other: 403},
			{name: "read a course", method: "GET", path: "/api/v1/courses/" + course.ID, other: 200},
			{name: "read a draft", method: "GET", path: "/api/v1/courses/" + draft.ID, want: map[string]int{"providerP": 200}, other: 404},
			{name: "patch a course", method: "PATCH", path: "/api/v1/courses/" + course.ID, version: 99, body: map[string]any{"title": "Y"}, want: provider, other: 403},
			{name: "patch a draft", method: "PATCH", path: "/api/v1/courses/" + draft.ID, version: 99, body: map[string]any{"title": "Y"}, want: provider, other: 404},
			{name: "add a session", method: "POST", path: "/api/v1/courses/" + course.ID + "/sessions", body: badSession, want: map[string]int{"providerP": 422}, other: 403},
			{name: "add a session to a draft", method: "POST", path: "/api/v1/courses/" + draft.ID + "/sessions", body: badSession, want: map[string]int{"providerP": 422}, other: 404},
			{name: "read a session", method: "GET", path: "/api/v1/sessions/" + open.ID, other: 200},
			{name: "read a draft's session", method: "GET", path: "/api/v1/sessions/" + hidden.ID, want: map[string]int{"providerP": 200}, other: 404},
			{name: "patch a session", method: "PATCH", path: "/api/v1/sessions/" + open.ID, version: 99, body: map[string]any{"price": 0}, want: provider, other: 403},
			{name: "patch a draft's session", method: "PATCH", path: "/api/v1/sessions/" + hidden.ID, version: 99, body: map[string]any{"price": 0}, want: provider, other: 404},
			{name: "cancel a session", method: "POST", path: "/api/v1/sessions/" + open.ID + "/cancel", version: 99, want: provider, other: 403},
			{name: "cancel a draft's session", method: "POST", path: "/api/v1/sessions/" + hidden.ID + "/cancel", version: 99, want: provider, other: 404},
			{name: "close a session", method: "POST", path: "/api/v1/sessions/" + open.ID + "/close", version: 99, want: provider, other: 403},
			{name: "close a draft's session", method: "POST", path: "/api/v1/sessions/" + hidden.ID + "/close", version: 99, want: provider, other: 404},
			{name: "read attendance", method: "GET", path: "/api/v1/sessions/" + open.ID + "/attendance", want: map[string]int{"providerP": 200}, other: 403},
			{name: "read a draft's attendance", method: "GET", path: "/api/v1/sessions/" + hidden.ID + "/attendance", want: map[string]int{"providerP": 200}, other: 404},
			{name: "record attendance", method: "PUT", path: "/api/v1/sessions/" + open.ID + "/attendance", body: present, want: provider, other: 403},
			{name: "record a draft's attendance", method: "PUT", path: "/api/v1/sessions/" + hidden.ID + "/attendance", body: present, want: provider, other: 404},
			{name: "print the attendance sheet", method: "GET", path: "/api/v1/sessions/" + open.ID + "/attendance-sheet", want: map[string]int{"providerP": 200}, other: 403},
			{name: "print a draft's attendance sheet", method: "GET", path: "/api/v1/sessions/" + hidden.ID + "/attendance-sheet", want: map[string]int{"providerP": 200}, other: 404},
			{name: "issue certificates", method: "POST", path: "/api/v1/sessions/" + open.ID + "/certificates", want: map[string]int{"providerP": 409}, other: 403},
			{name: "issue certificates of a draft's session", method: "POST", path: "/api/v1/sessions/" + hidden.ID + "/certificates", want: map[string]int{"providerP": 409}, other: 404},
			{name: "list certificates", method: "GET", path: "/api/v1/certificates", other: 200,
				items: map[string]int{"providerP": 1, "workerA1": 1, "leadA1": 1}, otherItems: 0},
			{name: "print a certificate", method: "GET", path: "/api/v1/certificates/" + certificate + "/pdf",
				want: map[string]int{"providerP": 200, "workerA1": 200, "leadA1": 200}, other: 404},
			{name: "verify a certificate", method: "GET", path: "/verify/" + e.code(t, certificate), other: 200, public: true},
			{name: "register", method: "POST", path: "/api/v1/sessions/" + late.ID + "/registrations", body: map[string]any{}, want: workers, other: 403},
			{name: "nominate Pracovnice A1", method: "POST", path: "/api/v1/sessions/" + late.ID + "/registrations",
				body: map[string]any{"person_id": e.w.WorkerA1.ID.String()}, want: map[string]int{"leadA1": 409, "workerA1": 409}, other: 403},
			{name: "register for a draft's session", method: "POST", path: "/api/v1/sessions/" + hidden.ID + "/registrations", body: map[string]any{},
				want: map[string]int{"providerP": 403}, other: 404},
			{name: "cancel a registration", method: "DELETE", path: "/api/v1/registrations/" + gone.ID,
				want: map[string]int{"workerA1": 409, "leadA1": 409, "providerP": 403}, other: 404},
		}
		for _, r := range rows {
			for _, who := range append(e.w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" && !r.public {
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
						n, ok := r.items[who]
						if !ok {
							n = r.otherItems
						}
						if len(page.Items) != n {
							t.Errorf("%s sees %d, want %d", who, len(page.Items), n)
						}
					}
				})
			}
		}
	})
}
