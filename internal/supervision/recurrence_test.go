package supervision

import (
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/httpx"
)

// TestExpand: a team supervision every 6 weeks on Tuesday at 9:00 Prague time stays at 9:00 local across both
// daylight-saving changes; unbounded, oversized, malformed and empty rules are refused naming the field.
func TestExpand(t *testing.T) {
	first := time.Date(2026, 9, 8, 9, 0, 0, 0, prague) // a Tuesday, summer time
	got, err := expand("FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=8", first)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-09-08", "2026-10-20", "2026-12-01", "2027-01-12", "2027-02-23", "2027-04-06", "2027-05-18", "2027-06-29"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, g := range got {
		local := g.In(prague)
		if local.Format(time.DateOnly) != want[i] || local.Hour() != 9 || local.Minute() != 0 || local.Weekday() != time.Tuesday {
			t.Errorf("occurrence %d: %s (UTC %s), want %s 09:00", i, local, g, want[i])
		}
	}
	// 9:00 local is 07:00 UTC in summer and 08:00 UTC in winter.
	if got[0].Hour() != 7 || got[2].Hour() != 8 || got[5].Hour() != 7 {
		t.Errorf("UTC hours %d %d %d, want 7 8 7", got[0].Hour(), got[2].Hour(), got[5].Hour())
	}

	until, err := expand("RRULE:FREQ=MONTHLY;UNTIL=20270310T080000Z", time.Date(2026, 10, 10, 9, 0, 0, 0, prague))
	// UNTIL is inclusive: 08:00 UTC on 10 March is 9:00 in Prague.
	if err != nil || len(until) != 6 || until[5].In(prague).Format("2006-01-02 15:04") != "2027-03-10 09:00" {
		t.Fatalf("until: %v %v", until, err)
	}

	for rule, code := range map[string]string{
		"FREQ=WEEKLY;BYDAY=TU":                        "unbounded",
		"FREQ=DAILY;COUNT=61":                         "too_many",
		"FREQ=DAILY;UNTIL=20300101T000000Z":           "too_many",
		"FREQ=FORTNIGHTLY;COUNT=3":                    "rrule",
		"DTSTART:20260908T090000\nFREQ=DAILY;COUNT=2": "rrule",
		"FREQ=DAILY;UNTIL=20200101T000000Z":           "empty",
	} {
		_, err := expand(rule, first)
		if err == nil || !hasCode(err, "rrule", code) {
			t.Errorf("%q: %v, want %s on rrule", rule, err, code)
		}
	}
}

func hasCode(err error, field, code string) bool {
	p, ok := err.(*httpx.Problem)
	if !ok {
		return false
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code {
			return true
		}
	}
	return false
}
