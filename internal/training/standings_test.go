package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/training"
)

// TestStandingsAtTheYearsEdge: the standings the indicators read count what took place on a Prague day of the
// period. A session from 00:30 on 1 January in Prague (23:30 UTC the day before) belongs to the new year and one on
// the evening of 31 December to the old; external records count by their date; a no-show on the year's last evening
// is the year's and the last quarter's.
func TestStandingsAtTheYearsEdge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		y := time.Now().In(database.Prague).Year() - 1
		a1 := e.w.WorkerA1.ID
		e.employ(t, a1, "ospod-social-worker", "official", "2015-01-01")
		course := e.course(t, "Na přelomu roku", true) // accredited, 8 hours

		held := func(start time.Time, status string) {
			t.Helper()
			se := e.session(t, course.ID, 3, 5, nil)
			var r registrationJSON
			e.ok(t, "POST", "/api/v1/sessions/"+se.ID+"/registrations", "workerA1", 0, map[string]any{}, &r, "register")
			if _, err := db.NewUpdate().Table("training_sessions").
				Set("starts_at = ?, ends_at = ?, registration_deadline = ?", start.UTC(), start.Add(2*time.Hour).UTC(), start.UTC()).
				Where("id = ?", se.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			e.ok(t, "PUT", "/api/v1/sessions/"+se.ID+"/attendance", "providerP", 0, entries(entry(r.ID, status)), &attendanceJSON{}, "attendance")
		}
		prague := func(year int, month time.Month, day, hour, minute int) time.Time {
			return time.Date(year, month, day, hour, minute, 0, 0, database.Prague)
		}
		held(prague(y-1, time.December, 31, 21, 30), "present")
		held(prague(y, time.January, 1, 0, 30), "present")
		held(prague(y, time.December, 31, 21, 30), "absent")
		held(prague(y+1, time.January, 1, 0, 30), "present")

		pdf := certificatePDF(t)
		for _, date := range []string{dateOf(y-1, 12, 31), dateOf(y, 12, 31), dateOf(y+1, 1, 1)} {
			x := e.recordExternal(t, "workerA1", externalForm(pdf, map[string]string{"date": date}))
			e.ok(t, "POST", externals+"/"+x.ID+"/confirm", "leadA1", x.Version, nil, &externalJSON{}, "confirm")
		}

		svc, err := training.NewComplianceService(db, directory.NewService(db))
		if err != nil {
			t.Fatal(err)
		}
		day := func(year int, month time.Month, d int) database.Date { return database.NewDate(year, month, d) }
		for _, tc := range []struct {
			name     string
			from, to database.Date
			want     training.Standing
		}{
			// 8 h on 1 January and 8 h of the external course on 31 December; the no-show counts nothing.
			{"the year", day(y, time.January, 1), day(y, time.December, 31),
				training.Standing{Applies: true, Met: false, Hours: 16, Recorded: 2, Absent: 1}},
			{"its last quarter", day(y, time.October, 1), day(y, time.December, 31),
				training.Standing{Applies: true, Met: false, Hours: 8, Recorded: 1, Absent: 1}},
		} {
			got, err := svc.Standings(ctx, []uuid.UUID{a1}, "zsps-111-hours", tc.from, tc.to, day(y, time.December, 31))
			if err != nil {
				t.Fatal(err)
			}
			if got[a1] != tc.want {
				t.Errorf("%s: %+v, want %+v", tc.name, got[a1], tc.want)
			}
		}
		// The same person's compliance page says the same of the year.
		var c complianceJSON
		e.ok(t, "GET", apitest.Path("people", a1, "compliance")+"?year="+dateOf(y, 1, 1)[:4], "workerA1", 0, nil, &c, "compliance")
		if h := c.Results[c.rule(t, "zsps-111-hours")]; h.Counted != 16 {
			t.Errorf("the compliance page counts %v hours of %d, want 16", h.Counted, y)
		}
	})
}

func dateOf(year int, month time.Month, day int) string {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}
