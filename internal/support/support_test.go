package support_test

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

func TestLogChangeAndDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		action := e.planAction(t, "workerA1")
		var x entryJSON
		e.ok(t, "POST", "/api/v1/support-log", "workerA1", 0, map[string]any{"date": day(-2), "minutes": 90,
			"kind": "intervision", "note": "  Těžký případ rodiny K.  ", "plan_action_id": action}, &x, "log")
		if x.Minutes != 90 || x.Kind != "intervision" || x.Note != "Těžký případ rodiny K." || x.Date != day(-2) ||
			x.PlanActionID == nil || *x.PlanActionID != action || x.Version != 1 || x.PersonID != e.w.WorkerA1.ID.String() {
			t.Fatalf("logged %+v", x)
		}
		path := "/api/v1/support-log/" + x.ID
		var got entryJSON
		e.ok(t, "GET", path, "workerA1", 0, nil, &got, "read")
		if got.ID != x.ID || got.Note != x.Note {
			t.Fatalf("read %+v", got)
		}

		apitest.Expect(t, e.call(t, "PATCH", path, "workerA1", 0, map[string]any{"minutes": 60}), 428, "", "no If-Match")
		apitest.Expect(t, e.call(t, "PATCH", path, "workerA1", 7, map[string]any{"minutes": 60}), 409, "", "stale If-Match")
		e.ok(t, "PATCH", path, "workerA1", 1, map[string]any{"minutes": 60, "kind": "mentoring", "plan_action_id": ""}, &got, "patch")
		if got.Minutes != 60 || got.Kind != "mentoring" || got.PlanActionID != nil || got.Note != x.Note || got.Version != 2 || got.Date != x.Date {
			t.Fatalf("patched %+v", got)
		}
		apitest.Expect(t, e.call(t, "PATCH", path, "workerA1", 1, map[string]any{"minutes": 30}), 409, "", "the old version again")

		// Newest day first; the filters narrow the list; the cursor walks it.
		e.log(t, "workerA1", day(-1), 30, "shadowing", "")
		e.log(t, "workerA1", day(-10), 45, "mentoring", "")
		e.log(t, "workerA2", day(-1), 45, "mentoring", "")
		var page struct {
			Items      []entryJSON `json:"items"`
			NextCursor *string     `json:"next_cursor"`
		}
		e.ok(t, "GET", "/api/v1/support-log", "workerA1", 0, nil, &page, "list")
		if len(page.Items) != 3 || page.Items[0].Date != day(-1) || page.Items[1].ID != x.ID || page.Items[2].Date != day(-10) {
			t.Fatalf("list %+v", page.Items)
		}
		e.ok(t, "GET", "/api/v1/support-log?kind=mentoring&from="+day(-5)+"&to="+day(0), "workerA1", 0, nil, &page, "filtered")
		if len(page.Items) != 1 || page.Items[0].ID != x.ID {
			t.Fatalf("filtered %+v", page.Items)
		}
		var seen []string
		for cursor := ""; ; {
			e.ok(t, "GET", "/api/v1/support-log?limit=1"+cursor, "workerA1", 0, nil, &page, "page")
			for _, it := range page.Items {
				seen = append(seen, it.Date)
			}
			if page.NextCursor == nil {
				break
			}
			cursor = "&cursor=" + *page.NextCursor
		}
		if strings.Join(seen, ",") != strings.Join([]string{day(-1), day(-2), day(-10)}, ",") {
			t.Fatalf("paged %v", seen)
		}

		apitest.Expect(t, e.call(t, "DELETE", path, "workerA2", 0, nil), 404, "", "someone else deletes")
		if r := e.call(t, "DELETE", path, "workerA1", 0, nil); r.Status != 204 {
			t.Fatalf("delete: %d %s", r.Status, r.Body)
		}
		apitest.Expect(t, e.call(t, "GET", path, "workerA1", 0, nil), 404, "", "deleted")
		// The audit log keeps what happened, never the note.
		var after []string
		if err := db.NewSelect().Table("audit_log").ColumnExpr("COALESCE(CAST(before AS text), '') || COALESCE(CAST(after AS text), '')").
			Where("entity = 'support_entry'").Scan(t.Context(), &after); err != nil || len(after) == 0 {
			t.Fatalf("audit: %v %v", after, err)
		}
		if strings.Contains(strings.Join(after, ""), "Těžký") {
			t.Fatalf("the audit log keeps the note: %v", after)
		}
	})
}

func TestBadInputNamesTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		others := e.planAction(t, "workerA2")
		good := map[string]any{"date": day(-1), "minutes": 60, "kind": "mentoring"}
		with := func(k string, v any) map[string]any {
			m := map[string]any{}
			for k, v := range good {
				m[k] = v
			}
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
			return m
		}
		for _, c := range []struct {
			field string
			value any
		}{
			{"date", nil}, {"date", "1. 3. 2026"}, {"date", day(1)}, {"date", time.Now().AddDate(-5, 0, -2).Format(time.DateOnly)},
			{"minutes", nil}, {"minutes", 0}, {"minutes", 1441}, {"minutes", -5},
			{"kind", nil}, {"kind", "supervision"},
			{"note", strings.Repeat("á", 2001)},
			{"plan_action_id", "not-a-uuid"}, {"plan_action_id", others},
		} {
			t.Run(fmt.Sprintf("%s=%.20v", c.field, c.value), func(t *testing.T) {
				apitest.Expect(t, e.call(t, "POST", "/api/v1/support-log", "workerA1", 0, with(c.field, c.value)), 422, c.field, "create")
			})
		}
		x := e.log(t, "workerA1", day(-1), 60, "mentoring", "")
		path := "/api/v1/support-log/" + x.ID
		for _, c := range []struct {
			field string
			value any
		}{{"date", day(2)}, {"minutes", 2000}, {"kind", "x"}, {"note", strings.Repeat("a", 2001)}, {"plan_action_id", others}, {"plan_action_id", "x"}} {
			apitest.Expect(t, e.call(t, "PATCH", path, "workerA1", 1, map[string]any{c.field: c.value}), 422, c.field, "patch "+c.field)
		}
		// Nothing of the refused changes stuck.
		var got entryJSON
		e.ok(t, "GET", path, "workerA1", 0, nil, &got, "read")
		if got.Version != 1 || got.Minutes != 60 {
			t.Fatalf("after refusals %+v", got)
		}
		// Today and exactly five years back are allowed; a note of 2,000 characters too.
		e.log(t, "workerA1", day(0), 1440, "shadowing", strings.Repeat("á", 2000))
		e.log(t, "workerA1", fiveYearsBack(), 1, "intervision", "")
		for _, q := range []string{"?year=1999", "?year=" + strconv.Itoa(time.Now().Year()+1), "?year=20x6", "?person_id=x", "?team_id=x"} {
			field := strings.TrimPrefix(strings.Split(q, "=")[0], "?")
			apitest.Expect(t, e.call(t, "GET", "/api/v1/support-log/summary"+q, "workerA1", 0, nil), 422, field, "summary "+q)
		}
		apitest.Expect(t, e.call(t, "GET", "/api/v1/support-log?from=včera", "workerA1", 0, nil), 422, "from", "list from")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/support-log?kind=x", "workerA1", 0, nil), 422, "kind", "list kind")
	})
}

// fiveYearsBack is the oldest day an entry may have, today in Prague five years ago.
func fiveYearsBack() string {
	d, _ := time.Parse(time.DateOnly, day(0))
	return d.AddDate(-5, 0, 0).Format(time.DateOnly)
}

// TestSummary logs entries across this year and the last, and checks the sums against those worked out here.
func TestSummary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		year, _ := strconv.Atoi(day(0)[:4])
		jan := func(y, d int) string { return fmt.Sprintf("%d-01-%02d", y, d) }
		today := day(0) // always of this year, unlike a fixed day
		type logged struct {
			who, date string
			minutes   int
			kind      string
		}
		entries := []logged{
			{"workerA1", today, 50, "mentoring"}, {"workerA1", today, 25, "mentoring"},
			{"workerA1", today, 100, "case_conference"}, {"workerA1", jan(year-1, 20), 600, "mentoring"},
			{"leadA1", today, 7, "shadowing"}, {"workerA2", today, 33, "intervision"},
			{"workerA1", fmt.Sprintf("%d-12-31", year-1), 40, "intervision"},
		}
		// Support hours never count toward the statutory training hours: her compliance stays as it was.
		compliance := "/api/v1/people/" + e.w.WorkerA1.ID.String() + "/compliance"
		var before map[string]any
		e.ok(t, "GET", compliance, "workerA1", 0, nil, &before, "compliance before")
		want := map[string]map[string]int{} // person → kind → minutes, this year
		for _, x := range entries {
			e.log(t, x.who, x.date, x.minutes, x.kind, "soukromá poznámka")
			if x.date[:4] == strconv.Itoa(year) {
				if want[x.who] == nil {
					want[x.who] = map[string]int{}
				}
				want[x.who][x.kind] += x.minutes
			}
		}
		check := func(t *testing.T, s summaryJSON, who ...string) {
			t.Helper()
			if len(s.People) != len(who) {
				t.Fatalf("people %+v, want %v", s.People, who)
			}
			for _, p := range s.People {
				name := ""
				for _, n := range who {
					if e.w.People()[n].ID.String() == p.PersonID {
						name = n
					}
				}
				if name == "" || p.PersonName != e.w.People()[name].Name {
					t.Fatalf("unexpected %+v", p)
				}
				total := 0
				if len(p.Kinds) != 6 {
					t.Fatalf("kinds %+v", p.Kinds)
				}
				for _, k := range p.Kinds {
					m := want[name][k.Kind]
					total += m
					if k.Minutes != m || k.Hours != math.Round(float64(m)/60*100)/100 {
						t.Errorf("%s %s: %d min %.2f h, want %d", name, k.Kind, k.Minutes, k.Hours, m)
					}
				}
				if p.TotalMinutes != total || p.TotalHours != math.Round(float64(total)/60*100)/100 {
					t.Errorf("%s total %d %.2f, want %d", name, p.TotalMinutes, p.TotalHours, total)
				}
			}
		}
		var after map[string]any
		e.ok(t, "GET", compliance, "workerA1", 0, nil, &after, "compliance after")
		if rs, _ := after["results"].([]any); len(rs) == 0 || !reflect.DeepEqual(before["results"], after["results"]) {
			t.Fatalf("support changed the compliance:\n%v\n%v", before["results"], after["results"])
		}
		var s summaryJSON
		e.ok(t, "GET", "/api/v1/support-log/summary", "workerA1", 0, nil, &s, "mine")
		if s.Year != year {
			t.Fatalf("year %d", s.Year)
		}
		check(t, s, "workerA1")
		// 175 minutes: 2.92 hours, mentoring 75 minutes: 1.25.
		if s.People[0].TotalHours != 2.92 || s.People[0].Kinds[0].Hours != 1.25 {
			t.Fatalf("hours %+v", s.People[0])
		}
		e.ok(t, "GET", "/api/v1/support-log/summary?team_id="+e.w.TeamA1.ID.String(), "leadA1", 0, nil, &s, "team")
		check(t, s, "workerA1", "leadA1")
		e.ok(t, "GET", "/api/v1/support-log/summary?person_id="+e.w.WorkerA1.ID.String(), "leadA1", 0, nil, &s, "person")
		check(t, s, "workerA1")
		e.ok(t, "GET", fmt.Sprintf("/api/v1/support-log/summary?year=%d", year-1), "workerA1", 0, nil, &s, "last year")
		want = map[string]map[string]int{"workerA1": {"mentoring": 600, "intervision": 40}}
		check(t, s, "workerA1")
		e.ok(t, "GET", "/api/v1/support-log/summary?team_id="+e.w.TeamB1.ID.String()+"&year="+strconv.Itoa(year), "leadB1", 0, nil, &s, "nothing logged")
		want = map[string]map[string]int{}
		check(t, s, "leadB1", "workerB1")
	})
}
