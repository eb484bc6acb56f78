package calendar

import (
	"bytes"
	"strconv"
	"time"
	_ "time/tzdata" // Prague wall-clock times must not depend on the zone database of the machine

	"github.com/emersion/go-ical"
)

// Refresh is how often calendar apps are asked to fetch a feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
const Refresh = "PT1H"

const zone = "Europe/Prague"

var prague = func() *time.Location {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err) // time/tzdata is linked in
	}
	return loc
}()

// encode writes events as an iCalendar object. Times go out as Prague wall-clock times with TZID and the zone's
// VTIMEZONE, so a session at 09:00 stays at 09:00 in every client across the daylight-saving change.
func encode(name string, events []Event) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//rozvoj//Kalendář//CS")
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropName, name)
	// REFRESH-INTERVAL needs VALUE=DURATION (RFC 7986); Outlook reads X-PUBLISHED-TTL instead.
	cal.Props.Set(raw(ical.PropRefreshInterval, Refresh, ical.ParamValue, string(ical.ValueDuration)))
	cal.Props.Set(raw("X-PUBLISHED-TTL", Refresh))
	cal.Props.Set(raw("X-WR-CALNAME", name))
	cal.Props.Set(raw("X-WR-TIMEZONE", zone))
	cal.Children = append(cal.Children, vtimezone())
	for _, e := range events {
		cal.Children = append(cal.Children, vevent(e).Component)
	}
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func vevent(e Event) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, e.UID)
	ev.Props.SetDateTime(ical.PropDateTimeStamp, e.Updated.UTC())
	ev.Props.SetDateTime(ical.PropLastModified, e.Updated.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, e.Start.In(prague))
	ev.Props.SetDateTime(ical.PropDateTimeEnd, e.End.In(prague))
	ev.Props.SetText(ical.PropSummary, e.Summary)
	if e.Location != "" {
		ev.Props.SetText(ical.PropLocation, e.Location)
	}
	if e.URL != "" {
		ev.Props.Set(raw(ical.PropURL, e.URL))
	}
	ev.Props.Set(raw(ical.PropSequence, strconv.Itoa(e.Sequence)))
	switch e.Status {
	case Cancelled:
		ev.SetStatus(ical.EventCancelled)
	case Tentative:
		ev.SetStatus(ical.EventTentative)
	default:
		ev.SetStatus(ical.EventConfirmed)
	}
	return ev
}

// vtimezone is Europe/Prague's rule since 1996 (the EU's: summer time from the last Sunday of March 02:00 to the
// last Sunday of October 03:00), which every session the product holds falls under.
func vtimezone() *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, zone)
	rule := func(name, from, to, tzname, start, rrule string) *ical.Component {
		c := ical.NewComponent(name)
		for _, p := range [][2]string{{ical.PropTimezoneOffsetFrom, from}, {ical.PropTimezoneOffsetTo, to},
			{ical.PropTimezoneName, tzname}, {ical.PropDateTimeStart, start}, {ical.PropRecurrenceRule, rrule}} {
			c.Props.Set(raw(p[0], p[1]))
		}
		return c
	}
	tz.Children = []*ical.Component{
		rule(ical.CompTimezoneDaylight, "+0100", "+0200", "CEST", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
		rule(ical.CompTimezoneStandard, "+0200", "+0100", "CET", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
	}
	return tz
}

// raw is a property written as given, with parameters as name-value pairs: for values that need no escaping
// (URIs, numbers, durations, zone rules), where the library's typed setters would add a VALUE parameter.
func raw(name, value string, params ...string) *ical.Prop {
	p := ical.NewProp(name)
	p.Value = value
	for i := 0; i+1 < len(params); i += 2 {
		p.Params.Set(params[i], params[i+1])
	}
	return p
}
