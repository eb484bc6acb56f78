package training_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// attendanceJSON is the attendance list as the tests read it.
type attendanceJSON struct {
	ClosedAt *string `json:"closed_at"`
	Items    []struct {
		RegistrationID string  `json:"registration_id"`
		PersonID       string  `json:"person_id"`
		Status         *string `json:"status"`
		Minutes        *int    `json:"minutes"`
	} `json:"items"`
}

// moveSession sets a session's times to hours from now, as if time had passed since it was planned.
func (e *env) moveSession(t *testing.T, id string, startHours, endHours int) {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	start, end := now.Add(time.Duration(startHours)*time.Hour), now.Add(time.Duration(endHours)*time.Hour)
	// A session that has ended keeps to one Prague day, as the rules count its days: shortly after midnight it
	// would span two, so it moves back to end at 23:00 the day before (a session on the night of 1 January still
	// falls in the year before).
	if midnight := startOfPragueDay(now); end.Before(now) && start.Before(midnight) && end.After(midnight) {
		back := end.Sub(midnight) + time.Hour
		start, end = start.Add(-back), end.Add(-back)
	}
	_, err := e.db.NewUpdate().Table("training_sessions").
		Set("starts_at = ?, ends_at = ?, registration_deadline = ?", start, end, start).
		Where("id = ?", id).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
}

func startOfPragueDay(t time.Time) time.Time {
	p := t.In(database.Prague)
	return time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, database.Prague).UTC()
}

// heldSession is a session of a course of the fixture provider that took place, from five hours ago to an hour
// ago, with Pracovnice A1 and A2 confirmed and Pracovník B1 on the waitlist.
func (e *env) heldSession(t *testing.T, course courseJSON) (se sessionJSON, a1, a2, b1 registrationJSON) {
	t.Helper()
	se = e.session(t, course.ID, 3, 2, nil)
	regs := "/api/v1/sessions/" + se.ID + "/registrations"
	e.ok(t, "POST", regs, "workerA1", 0, map[string]any{}, &a1, "A1 registers")
	e.ok(t, "POST", regs, "workerA2", 0, map[string]any{}, &a2, "A2 registers")
	e.ok(t, "POST", regs, "workerB1", 0, map[string]any{}, &b1, "B1 waits")
	e.moveSession(t, se.ID, -5, -1)
	return se, a1, a2, b1
}

// entries is an attendance body.
func entries(es ...map[string]any) map[string]any { return map[string]any{"entries": es} }

func entry(regID, status string, minutes ...int) map[string]any {
	m := map[string]any{"registration_id": regID, "status": status}
	if len(minutes) > 0 {
		m["minutes"] = minutes[0]
	}
	return m
}

// TestAttendance records attendance of a session that took place: only confirmed registrants, a partial one with
// minutes within the session's length, nothing saved of a bad batch; closing locks it, a correction after is an
// amendment in the audit log; and the sheet prints.
func TestAttendance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		course := e.course(t, "Práce s rodinou", true)
		future := e.session(t, course.ID, 3, 2, nil)
		var early registrationJSON
		e.ok(t, "POST", "/api/v1/sessions/"+future.ID+"/registrations", "workerA1", 0, map[string]any{}, &early, "register")
		apitest.Expect(t, e.call(t, "PUT", "/api/v1/sessions/"+future.ID+"/attendance", "providerP", 0, entries(entry(early.ID, "present"))),
			409, "session", "before it starts")

		se, a1, a2, b1 := e.heldSession(t, course)
		path := "/api/v1/sessions/" + se.ID + "/attendance"
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{entries(entry(a1.ID, "present"), entry(b1.ID, "present")), "entries[1].registration_id"},
			{entries(entry(a1.ID, "present"), entry(early.ID, "present")), "entries[1].registration_id"},
			{entries(entry(a1.ID, "present"), entry(a1.ID, "absent")), "entries[1].registration_id"},
			{entries(entry(a1.ID, "present"), entry(a2.ID, "partial")), "entries[1].minutes"},
			{entries(entry(a2.ID, "partial", 241)), "entries[0].minutes"},
			{entries(entry(a2.ID, "partial", 0)), "entries[0].minutes"},
			{entries(entry(a2.ID, "absent", 30)), "entries[0].minutes"},
			{entries(entry(a2.ID, "asleep")), "entries[0].status"},
			{map[string]any{"entries": []any{}}, "entries"},
			{withField(entries(entry(a1.ID, "present")), "amendment", map[string]any{"reason": "Oprava"}), "amendment"},
		} {
			apitest.Expect(t, e.call(t, "PUT", path, "providerP", 0, bad.body), 422, bad.field, "bad "+bad.field)
		}
		var got attendanceJSON
		e.ok(t, "GET", path, "providerP", 0, nil, &got, "attendance")
		if len(got.Items) != 2 || got.Items[0].Status != nil || got.Items[1].Status != nil || got.ClosedAt != nil {
			t.Fatalf("a refused batch saved something, or the list is wrong: %+v", got)
		}
		apitest.Expect(t, e.call(t, "GET", path, "workerA1", 0, nil), 403, "", "a participant reads the attendance")
		apitest.Expect(t, e.call(t, "PUT", path, "workerA1", 0, entries(entry(a1.ID, "present"))), 403, "", "a participant records")

		e.ok(t, "PUT", path, "providerP", 0, entries(entry(a1.ID, "present"), entry(a2.ID, "partial", 120)), &got, "record")
		byReg := map[string]string{}
		for _, it := range got.Items {
			if it.Status != nil {
				byReg[it.RegistrationID] = *it.Status
			}
		}
		if byReg[a1.ID] != "present" || byReg[a2.ID] != "partial" {
			t.Fatalf("recorded: %+v", got)
		}
		e.ok(t, "PUT", path, "providerP", 0, entries(entry(a2.ID, "excused")), &got, "correct before closing")

		sheet := e.call(t, "GET", "/api/v1/sessions/"+se.ID+"/attendance-sheet", "providerP", 0, nil)
		if sheet.Status != 200 || !bytes.HasPrefix(sheet.Body, []byte("%PDF")) || sheet.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("sheet: %d %s", sheet.Status, sheet.Header)
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/sessions/"+se.ID+"/attendance-sheet", "workerA1", 0, nil), 403, "", "a participant prints the sheet")

		closePath := "/api/v1/sessions/" + se.ID + "/close"
		apitest.Expect(t, e.call(t, "POST", "/api/v1/sessions/"+future.ID+"/close", "providerP", future.Version, nil), 409, "session", "close before the end")
		apitest.Expect(t, e.call(t, "POST", closePath, "providerP", se.Version+1, nil), 409, "", "stale close")
		var closed struct {
			Status   string  `json:"status"`
			ClosedAt *string `json:"closed_at"`
			Version  int     `json:"version"`
		}
		e.ok(t, "POST", closePath, "providerP", se.Version, nil, &closed, "close")
		if closed.Status != "held" || closed.ClosedAt == nil {
			t.Fatalf("closed: %+v", closed)
		}
		apitest.Expect(t, e.call(t, "POST", closePath, "providerP", closed.Version, nil), 409, "session", "close twice")

		apitest.Expect(t, e.call(t, "PUT", path, "providerP", 0, entries(entry(a2.ID, "present"))), 409, "session", "change a closed session")
		amend := withField(entries(entry(a2.ID, "present")), "amendment", map[string]any{"reason": "Doložila účast podpisem."})
		e.ok(t, "PUT", path, "providerP", 0, amend, &got, "amend")
		var actions []string
		if err := db.NewSelect().Table("audit_log").Column("action").Where("entity = 'session' AND entity_id = ?", se.ID).
			OrderExpr("at, id").Scan(context.Background(), &actions); err != nil {
			t.Fatal(err)
		}
		if want := []string{"create", "record_attendance", "record_attendance", "close", "amend_attendance"}; !slices.Equal(actions, want) {
			t.Fatalf("audit: %v, want %v", actions, want)
		}
	})
}
