package notification_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/notification"
)

type notice struct {
	ID        string            `json:"id"`
	Kind      string            `json:"kind"`
	Entity    string            `json:"entity"`
	EntityID  string            `json:"entity_id"`
	Link      string            `json:"link"`
	Params    map[string]string `json:"params"`
	ActorName *string           `json:"actor_name"`
	ReadAt    *string           `json:"read_at"`
}

type page struct {
	Items      []notice `json:"items"`
	NextCursor *string  `json:"next_cursor"`
}

type preferences struct {
	Email        map[string]bool `json:"email"`
	EmailEnabled bool            `json:"email_enabled"`
}

// notify writes a notice as the assessment and plan packages do, outside any HTTP request.
func notify(t *testing.T, db *database.DB, n notification.Notice) {
	t.Helper()
	if n.EntityID == uuid.Nil {
		n.EntityID = uuid.Must(uuid.NewV7())
	}
	if n.Entity == "" {
		n.Entity, n.Link = "assessment", "/hodnoceni/"+n.EntityID.String()
	}
	if err := notification.Notify(context.Background(), db, n); err != nil {
		t.Fatal(err)
	}
}

func want(t *testing.T, r *apitest.Response, status int, what string) *apitest.Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: %d %s, want %d", what, r.Status, r.Body, status)
	}
	return r
}

func ids(items []notice) []string {
	out := make([]string, len(items))
	for i, n := range items {
		out[i] = n.ID
	}
	return out
}

// TestNotificationsAPI walks a worker's notices: the list newest first and paged, the unread filter and count,
// marking read one and all, and the e-mail preferences with their effect on the outbox.
func TestNotificationsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		worker, lead := tok["workerA1"], tok["leadA1"]
		for range 4 {
			notify(t, db, notification.Notice{Kind: notification.AssessmentReviewed, RecipientID: w.WorkerA1.ID, ActorID: &w.LeadA1.ID})
		}
		notify(t, db, notification.Notice{Kind: notification.AssessmentDue, RecipientID: w.WorkerA1.ID, Entity: "person",
			EntityID: w.WorkerA1.ID, Link: "/moje-hodnoceni", Params: map[string]string{"due": "2027-01-31"}, Key: "due:2027-01-31"})
		notify(t, db, notification.Notice{Kind: notification.AssessmentSubmitted, RecipientID: w.LeadA1.ID, ActorID: &w.WorkerA1.ID})

		var all page
		want(t, s.Get(t, "/api/v1/notifications", worker), 200, "list").JSON(t, &all)
		if len(all.Items) != 5 || all.NextCursor != nil {
			t.Fatalf("list: %+v", all)
		}
		if !slices.IsSortedFunc(all.Items, func(a, b notice) int { return strings.Compare(b.ID, a.ID) }) {
			t.Errorf("not newest first: %v", ids(all.Items))
		}
		due, reviewed := all.Items[0], all.Items[1]
		if due.Kind != notification.AssessmentDue || due.ActorName != nil || due.Params["due"] != "2027-01-31" ||
			due.Link != "/moje-hodnoceni" || due.Entity != "person" || due.EntityID != w.WorkerA1.ID.String() || due.ReadAt != nil {
			t.Errorf("the reminder: %+v", due)
		}
		if reviewed.Kind != notification.AssessmentReviewed || reviewed.ActorName == nil || *reviewed.ActorName != "Vedoucí A1" ||
			len(reviewed.Params) != 0 || !strings.HasPrefix(reviewed.Link, "/hodnoceni/") {
			t.Errorf("the review: %+v", reviewed)
		}

		// Pages by cursor cover the list once.
		var first, second page
		want(t, s.Get(t, "/api/v1/notifications?limit=3", worker), 200, "page 1").JSON(t, &first)
		if len(first.Items) != 3 || first.NextCursor == nil {
			t.Fatalf("page 1: %+v", first)
		}
		want(t, s.Get(t, "/api/v1/notifications?limit=3&cursor="+*first.NextCursor, worker), 200, "page 2").JSON(t, &second)
		if got := append(ids(first.Items), ids(second.Items)...); !slices.Equal(got, ids(all.Items)) || second.NextCursor != nil {
			t.Errorf("pages %v, want %v", got, ids(all.Items))
		}
		want(t, s.Get(t, "/api/v1/notifications?cursor=bm9wZQ", worker), 422, "a forged cursor")
		want(t, s.Get(t, "/api/v1/notifications?limit=0", worker), 422, "limit 0")
		apitest.Expect(t, s.Get(t, "/api/v1/notifications?unread=maybe", worker), 422, "unread", "unread=maybe")

		count := func(token string) int {
			t.Helper()
			var c struct{ Count int }
			want(t, s.Get(t, "/api/v1/notifications/unread-count", token), 200, "unread count").JSON(t, &c)
			return c.Count
		}
		if n := count(worker); n != 5 {
			t.Errorf("unread: %d", n)
		}

		// Reading one: the lead cannot, the worker can, twice, and the first time stays.
		readPath := "/api/v1/notifications/" + reviewed.ID + "/read"
		want(t, s.Post(t, readPath, lead, nil), 404, "the lead reads the worker's notice")
		var read, again notice
		want(t, s.Post(t, readPath, worker, nil), 200, "read").JSON(t, &read)
		if read.ID != reviewed.ID || read.ReadAt == nil || read.ActorName == nil || *read.ActorName != "Vedoucí A1" {
			t.Errorf("read: %+v", read)
		}
		want(t, s.Post(t, readPath, worker, nil), 200, "read again").JSON(t, &again)
		if again.ReadAt == nil || *again.ReadAt != *read.ReadAt {
			t.Errorf("read again moved read_at: %v → %v", *read.ReadAt, again.ReadAt)
		}
		want(t, s.Post(t, "/api/v1/notifications/"+uuid.NewString()+"/read", worker, nil), 404, "an unknown notice")
		want(t, s.Post(t, "/api/v1/notifications/nope/read", worker, nil), 404, "not an identifier")
		var unread page
		want(t, s.Get(t, "/api/v1/notifications?unread=true", worker), 200, "unread list").JSON(t, &unread)
		if len(unread.Items) != 4 || slices.Contains(ids(unread.Items), reviewed.ID) || count(worker) != 4 {
			t.Errorf("unread after reading one: %v", ids(unread.Items))
		}

		// Read all marks the rest, and only the caller's.
		var marked struct{ Count int }
		want(t, s.Post(t, "/api/v1/notifications/read-all", worker, nil), 200, "read all").JSON(t, &marked)
		if marked.Count != 4 || count(worker) != 0 || count(lead) != 1 {
			t.Errorf("read all: %d marked, worker %d, lead %d unread", marked.Count, count(worker), count(lead))
		}
		want(t, s.Post(t, "/api/v1/notifications/read-all", worker, nil), 200, "read all again").JSON(t, &marked)
		if marked.Count != 0 {
			t.Errorf("read all again marked %d", marked.Count)
		}

		// Preferences: every kind on by default; e-mail is off on this server.
		var prefs preferences
		want(t, s.Get(t, "/api/v1/me/notification-preferences", worker), 200, "preferences").JSON(t, &prefs)
		if len(prefs.Email) != len(notification.Kinds()) || prefs.EmailEnabled {
			t.Fatalf("default preferences: %+v", prefs)
		}
		for kind, on := range prefs.Email {
			if !on {
				t.Errorf("%s is off by default", kind)
			}
		}
		const path = "/api/v1/me/notification-preferences"
		want(t, s.Put(t, path, worker, map[string]any{"email": map[string]bool{"assessment.returned": false, "plan.approved": true}}), 200, "turn one off").JSON(t, &prefs)
		if prefs.Email["assessment.returned"] || !prefs.Email["plan.approved"] || !prefs.Email["assessment.due"] {
			t.Errorf("after turning assessment.returned off: %+v", prefs)
		}
		want(t, s.Put(t, path, worker, map[string]any{"email": map[string]bool{"plan.approved": true}}), 200, "the same choice again")
		// An unknown kind is named, and nothing of the request is saved.
		r := want(t, s.Put(t, path, worker, map[string]any{"email": map[string]bool{"assessment.returned": true, "assessment.eaten": false}}), 422, "an unknown kind")
		if !strings.Contains(string(r.Body), `"field":"email.assessment.eaten"`) {
			t.Errorf("unknown kind: %s", r.Body)
		}
		want(t, s.Get(t, path, worker), 200, "preferences").JSON(t, &prefs)
		if prefs.Email["assessment.returned"] {
			t.Error("a refused request changed a preference")
		}
		r = want(t, s.Put(t, path, worker, map[string]any{}), 422, "no email")
		if !strings.Contains(string(r.Body), `"field":"email"`) {
			t.Errorf("missing email: %s", r.Body)
		}
		want(t, s.Put(t, path, worker, map[string]any{"email": map[string]bool{}, "sms": true}), 422, "an unknown field")
		want(t, s.Put(t, path, worker, map[string]any{"email": map[string]string{"plan.approved": "yes"}}), 422, "not a boolean")
		want(t, s.Put(t, path, worker, "{"), 400, "broken JSON")
		// The lead's choices are the lead's.
		want(t, s.Get(t, path, lead), 200, "the lead's preferences").JSON(t, &prefs)
		if !prefs.Email["assessment.returned"] {
			t.Error("the worker's choice changed the lead's")
		}
		audited, err := db.NewSelect().Table("audit_log").Where("entity = ? AND entity_id = ?", "notification_preferences", w.WorkerA1.ID).Count(ctx)
		if err != nil || audited != 1 { // the change, not the refused request nor a choice sent again
			t.Errorf("audit records of preferences: %d %v", audited, err)
		}

		// The choice holds for what comes next: a returned assessment shows in the app, with no e-mail.
		outbox := func() int {
			t.Helper()
			n, err := db.NewSelect().Table("mail_outbox").Where("to_address = ?", w.WorkerA1.Email).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
		before := outbox()
		notify(t, db, notification.Notice{Kind: notification.AssessmentReturned, RecipientID: w.WorkerA1.ID, ActorID: &w.LeadA1.ID})
		if outbox() != before || count(worker) != 1 {
			t.Errorf("returned with e-mail off: %d mails (was %d), %d unread", outbox(), before, count(worker))
		}
		notify(t, db, notification.Notice{Kind: notification.PlanApproved, RecipientID: w.WorkerA1.ID, ActorID: &w.LeadA1.ID, Entity: "plan", Link: "/plan"})
		if outbox() != before+1 {
			t.Errorf("approved with e-mail on: %d mails (was %d)", outbox(), before)
		}
	})
}

// TestEmailEnabled: the preferences say whether the server sends e-mail at all.
func TestEmailEnabled(t *testing.T) {
	db := dbtest.Open(t, database.SQLite)
	cfg := apitest.Config()
	cfg.SMTP = &config.SMTP{Host: "127.0.0.1", Port: 2525, TLS: config.TLSNone}
	s := apitest.StartWith(t, db, cfg)
	w := apitest.NewWorld(t, s)
	var prefs preferences
	want(t, s.Get(t, "/api/v1/me/notification-preferences", s.Login(t, w.WorkerA1.Email, apitest.Password)), 200, "preferences").JSON(t, &prefs)
	if !prefs.EmailEnabled {
		t.Error("email_enabled is false with SMTP configured")
	}
}

// readAt is when a notice was read (zero: unread).
func readAt(t *testing.T, db *database.DB, id string) time.Time {
	t.Helper()
	var at []*time.Time
	if err := db.NewSelect().Table("notifications").Column("read_at").Where("id = ?", id).Scan(context.Background(), &at); err != nil || len(at) != 1 {
		t.Fatalf("notice %s: %v", id, err)
	}
	if at[0] == nil {
		return time.Time{}
	}
	return *at[0]
}

// TestAuthorizationMatrix: every endpoint × every fixture person and no one. Everyone may use their own
// notices and preferences; nobody, whatever their role, reads or marks another's notice, or sees it listed.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		people := w.People()
		names := slices.Sorted(func(yield func(string) bool) {
			for name := range people {
				if !yield(name) {
					return
				}
			}
		})
		own := map[string]string{} // each person's one notice
		for _, name := range names {
			notify(t, db, notification.Notice{Kind: notification.AssessmentDue, RecipientID: people[name].ID, Entity: "person",
				EntityID: people[name].ID, Link: "/moje-hodnoceni", Params: map[string]string{"due": "2027-01-31"}})
			var p page
			want(t, s.Get(t, "/api/v1/notifications", tok[name]), 200, name+" lists").JSON(t, &p)
			if len(p.Items) != 1 {
				t.Fatalf("%s sees %d notices", name, len(p.Items))
			}
			own[name] = p.Items[0].ID
		}
		type endpoint struct {
			method, path string
			body         any
		}
		for _, who := range append([]string{"anonymous"}, names...) {
			token := tok[who]
			mine, other := own[who], own[names[(slices.Index(names, who)+1)%len(names)]] // theirs and someone else's
			if who == "anonymous" {
				mine = own[names[0]]
			}
			endpoints := []endpoint{
				{"GET", "/api/v1/notifications", nil},
				{"GET", "/api/v1/notifications?unread=true", nil},
				{"GET", "/api/v1/notifications/unread-count", nil},
				{"POST", "/api/v1/notifications/" + mine + "/read", nil},
				{"POST", "/api/v1/notifications/" + other + "/read", nil},
				{"POST", "/api/v1/notifications/read-all", nil},
				{"GET", "/api/v1/me/notification-preferences", nil},
				{"PUT", "/api/v1/me/notification-preferences", map[string]any{"email": map[string]bool{"plan.returned": false}}},
			}
			for i, e := range endpoints {
				status := http.StatusOK
				switch {
				case who == "anonymous":
					status = http.StatusUnauthorized
				case i == 4:
					status = http.StatusNotFound
				}
				t.Run(fmt.Sprintf("%s %s %s → %d", who, e.method, e.path, status), func(t *testing.T) {
					before := readAt(t, db, other)
					res := s.Do(t, apitest.Request{Method: e.method, Path: e.path, Token: token, Body: e.body})
					if res.Status != status {
						t.Fatalf("got %d: %s", res.Status, res.Body)
					}
					if after := readAt(t, db, other); !after.Equal(before) {
						t.Errorf("another's notice went from read %v to %v", before, after)
					}
					if who != "anonymous" && i == 0 {
						var p page
						res.JSON(t, &p)
						if !slices.Equal(ids(p.Items), []string{own[who]}) {
							t.Errorf("%s lists %v, want only %s", who, ids(p.Items), own[who])
						}
					}
				})
			}
		}
	})
}
