package supervision

import (
	"regexp"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// MaxOccurrences bounds a series: more than a year of weekly sessions is a plan nobody keeps.
const MaxOccurrences = 60

var prague = database.Prague

var utcUntil = regexp.MustCompile(`(?i)UNTIL=\d{8}(T\d{6})?Z`)

// expand lists the starts of a series whose first session starts at first: the rule (an RFC 5545 RRULE, with
// COUNT or UNTIL) is expanded in Prague wall time, so a session at 9:00 stays at 9:00 when the clocks change.
// The expansion runs on "floating" times (the wall clock written as UTC), since rrule-go steps in absolute
// time and would carry the offset of the first session across the change.
func expand(rule string, first time.Time) ([]time.Time, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	bad := func(code, msg string) ([]time.Time, error) { return nil, httpx.FieldInvalid("rrule", code, msg) }
	if strings.Contains(strings.ToUpper(rule), "DTSTART") {
		return bad("rrule", "Give the rule alone (e.g. FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=8); the first session's start is its start.")
	}
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		return bad("rrule", "This is not an RFC 5545 recurrence rule (e.g. FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=8).")
	}
	if opt.Count == 0 && opt.Until.IsZero() {
		return bad("unbounded", "A series must end: give COUNT or UNTIL.")
	}
	opt.Dtstart = floating(first.In(prague))
	if !opt.Until.IsZero() && utcUntil.MatchString(rule) {
		opt.Until = floating(opt.Until.In(prague))
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return bad("rrule", "This recurrence rule cannot be expanded: "+err.Error())
	}
	var out []time.Time
	next := r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		if len(out) == MaxOccurrences {
			return bad("too_many", "A series has at most 60 sessions; plan the rest as another series.")
		}
		out = append(out, time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, prague).UTC())
	}
	if len(out) == 0 {
		return bad("empty", "The rule makes no session from the first one's start on.")
	}
	return out, nil
}

func floating(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
