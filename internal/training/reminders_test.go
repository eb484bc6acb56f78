package training_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/training"
)

// TestRemindSessions reminds, at a fixed moment, the confirmed registrants of the sessions starting within the
// next 48 hours, once per person and session however often it runs; never the waitlisted, the cancelled
// registrations, a cancelled session, one that already started or one further away.
func TestRemindSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		course := e.course(t, "Práce s rodinou", true)
		now, err := time.Parse(time.RFC3339, at(2, 12)) // the clock of the run: day 2 at noon
		if err != nil {
			t.Fatal(err)
		}
		register := func(se sessionJSON, who string) registrationJSON {
			var r registrationJSON
			e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/registrations", who, 0, map[string]any{}, &r, who+" registers")
			return r
		}
		soon := e.session(t, course.ID, 3, 1, nil) // day 3 at 8: within 48 hours
		register(soon, "workerA1")
		register(soon, "workerA2")                                                                          // waitlisted
		edge := e.session(t, course.ID, 4, 5, map[string]any{"starts_at": at(4, 12), "ends_at": at(4, 15)}) // exactly 48 hours
		register(edge, "leadA1")
		b1 := register(edge, "workerB1")
		e.ok(t, "DELETE", "/api/v1/registrations/"+b1.ID, "workerB1", 0, nil, &b1, "B1 cancels")
		cancelled := e.session(t, course.ID, 3, 5, nil)
		register(cancelled, "leadB1")
		e.ok(t, "POST", "/api/v1/sessions/"+cancelled.ID+"/cancel", "providerP", cancelled.Version, nil, &cancelled, "cancel")
		started := e.session(t, course.ID, 2, 5, nil) // day 2 at 8: began before the clock
		register(started, "workerA2")
		later := e.session(t, course.ID, 5, 5, nil) // day 5: more than 48 hours away
		register(later, "workerB1")

		svc := training.NewService(db, directory.NewService(db), framework.NewService(db), "http://rozvoj.test")
		ctx := context.Background()
		for _, clock := range []time.Time{now, now, now.Add(12 * time.Hour)} {
			if err := svc.RemindSessions(ctx, clock); err != nil {
				t.Fatal(err)
			}
		}
		w := e.w
		for who, want := range map[uuid.UUID]int64{w.WorkerA1.ID: 1, w.LeadA1.ID: 1, w.WorkerA2.ID: 0, w.WorkerB1.ID: 0,
			w.LeadB1.ID: 0} {
			n, err := db.NewSelect().Table("notifications").Where("kind = 'session.reminder' AND recipient_id = ?", who).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("reminders to %s: %d, want %d", who, n, want)
			}
		}
		var raw string
		if err := db.NewSelect().Table("notifications").Column("params").Where("kind = 'session.reminder' AND recipient_id = ?", w.WorkerA1.ID).
			Scan(ctx, &raw); err != nil {
			t.Fatal(err)
		}
		var params map[string]string
		if err := json.Unmarshal([]byte(raw), &params); err != nil || params["course"] != "Práce s rodinou" || params["date"] != soon.StartsAt[:10] {
			t.Errorf("the reminder says %s (%v)", raw, err)
		}
		var mails int64
		if mails, err = db.NewSelect().Table("mail_outbox").Where("subject LIKE 'Připomínka:%'").Count(ctx); err != nil || mails != 2 {
			t.Errorf("reminder e-mails: %d %v, want 2", mails, err)
		}
	})
}
