package requirement

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/export"
)

// States of a result.
//
//   - met: what counts reaches what is owed (a deadline rule: the exam or training was done, even late).
//   - missed: the deadline (end of the year or period, the day of leaving, or the deadline after hiring) has
//     passed and what counts falls short.
//   - at_risk: the deadline is still ahead but the person is behind pace. For hours and days, with e the elapsed
//     fraction of the period (0 at its start, 1 on the deadline day):
//     counted < required × e − atRiskTolerance × required × (1 − e).
//     Training comes in blocks of a day or two, so early on being well behind the straight line is still fine;
//     the slack shrinks to nothing on the deadline day, when anything short is at risk.
//     For a deadline after hiring: less than the rule's warn_months remain.
//   - on_track: none of the above.
//   - not_applicable: the rule does not concern the person, or they owe nothing (Why says which).
const (
	StateMet           = "met"
	StateOnTrack       = "on_track"
	StateAtRisk        = "at_risk"
	StateMissed        = "missed"
	StateNotApplicable = "not_applicable"
)

// atRiskTolerance is the share of the requirement a person may lag behind the straight line at the start of
// the period before at_risk; it shrinks linearly to zero at the deadline.
const atRiskTolerance = 0.5

// Units of Result.Required and Result.Counted.
const (
	UnitHours = "hours"
	UnitDays  = "days"
	UnitCount = "count" // deadline rules: 1 = done
)

// Period is an inclusive range of calendar dates.
type Period struct {
	From, To time.Time
}

// Person is what the rules need to know about someone. Dates are calendar dates; only their Y-M-D is used.
type Person struct {
	HiredOn, ProbationEnd, LeftOn *time.Time // ProbationEnd and LeftOn are the last days of probation/employment
	EmploymentType                string     // official | employee
	PositionCode                  string     // competencies/positions.yaml
	OrgKind                       string     // kind of the employing organisation
	Absences                      []Period   // long absences (parental leave, illness, …)
}

// Record is one piece of training, supervision or exam the person has on file (already confirmed).
type Record struct {
	ID         string
	Kind       string // course|conference|internship|specialisation|e_learning|training_event|supervision|exam_zoz|induction|induction_exam
	Accredited bool
	Date       time.Time   // first (or only) day
	EndDate    time.Time   // last day of a multi-day event; zero = same as Date
	Hours      float64     // teaching hours
	Days       []time.Time // dates actually attended; empty = every day from Date to EndDate
}

// Counted is one record's contribution to a result, after caps; Amount 0 with a Note explains a record that
// a person might expect to count but does not.
type Counted struct {
	RecordID string
	Kind     string
	Date     time.Time
	Amount   float64
	Note     string
}

// Result is one rule evaluated for one person.
type Result struct {
	RuleID, Title, Source string
	Applies               bool
	Why                   string // Czech: why it applies (and how it was pro-rated) or why not
	Required, Counted     float64
	Unit                  string // hours | days | count
	Remaining             float64
	Deadline              time.Time
	State                 string
	Records               []Counted
}

// Evaluate evaluates every rule in force for the given year (or, for deadline rules, every one) for a person
// and their records; today decides between on_track, at_risk and missed. It is pure: same input, same output.
func Evaluate(rules []Rule, p Person, records []Record, year int, today time.Time) []Result {
	today = civil(today)
	recs := slices.Clone(records)
	slices.SortStableFunc(recs, func(a, b Record) int {
		if c := civil(a.Date).Compare(civil(b.Date)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := make([]Result, 0, len(rules))
	for i := range rules {
		r := &rules[i]
		from, _ := r.period(p, year)
		if r.Kind != DeadlineAfterHiring && !r.inForce(from) {
			continue // another version of the law governs this period
		}
		out = append(out, r.evaluate(p, recs, year, today))
	}
	return out
}

func (r *Rule) evaluate(p Person, recs []Record, year int, today time.Time) Result {
	res := Result{RuleID: r.ID, Title: r.TitleCS, Source: r.Source, Unit: r.Unit(), State: StateNotApplicable}
	why, ok := r.concerns(p)
	res.Why = why
	if !ok {
		return res
	}
	jan1, dec31 := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if p.HiredOn != nil && civil(*p.HiredOn).After(dec31) || p.LeftOn != nil && civil(*p.LeftOn).Before(jan1) {
		res.Why = fmt.Sprintf("V roce %d netrval pracovní poměr.", year)
		return res
	}
	from, to := r.period(p, year)
	switch r.Kind {
	case HoursPerYear:
		r.hours(&res, p, recs, year, today)
	case DaysPerYear, DaysPerPeriod:
		r.days(&res, p, recs, from, to, today)
	case DeadlineAfterHiring:
		r.deadline(&res, p, recs, today)
	}
	res.Remaining = max(0, round(res.Required-res.Counted))
	return res
}

// concerns checks applies_to; the reason names the criterion that fails, or all that hold. It is worded in the
// third person and in words, not codes, because the worker and their lead read the same text.
func (r *Rule) concerns(p Person) (string, bool) {
	criteria := []struct {
		label  string
		values []string
		value  string
		words  export.Words
	}{
		{"pozice", r.AppliesTo.Positions, p.PositionCode, r.positionNames},
		{"pracovní poměr", r.AppliesTo.EmploymentTypes, p.EmploymentType, directory.EmploymentWords},
		{"zaměstnavatel", r.AppliesTo.OrgKinds, p.OrgKind, directory.KindWords},
	}
	var because []string
	for _, c := range criteria {
		if len(c.values) == 0 {
			continue
		}
		if !slices.Contains(c.values, c.value) {
			allowed := make([]string, len(c.values))
			for i, v := range c.values {
				allowed[i] = c.words.Of(v)
			}
			return fmt.Sprintf("Týká se jen: %s %s. V evidenci: %s.", c.label, strings.Join(allowed, ", "), orNone(c.words.Of(c.value))), false
		}
		because = append(because, c.label+" "+c.words.Of(c.value))
	}
	// The source is shown beside the reason, so the reason does not repeat it.
	if len(because) == 0 {
		return "Týká se všech.", true
	}
	return "Týká se: " + strings.Join(because, ", ") + ".", true
}

// hours applies § 111-style pro-rating: a calendar month is owed when the person was employed for all of it,
// past probation and not inside an absence longer than one calendar month; required = required × owed/12.
func (r *Rule) hours(res *Result, p Person, recs []Record, year int, today time.Time) {
	var owed, notEmployed, probation, absent int
	var first time.Time
	for m := time.January; m <= time.December; m++ {
		ms := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		me := ms.AddDate(0, 1, -1)
		switch { // without part_year pro-rating, employment at any time in the year (checked earlier) owes it all
		case r.Proration.PartYear && !employedThrough(p, ms, me):
			notEmployed++
		case r.Proration.Probation && p.ProbationEnd != nil && !civil(*p.ProbationEnd).Before(ms):
			probation++
		case r.Proration.Absence && inLongAbsence(p.Absences, ms, me):
			absent++
		default:
			owed++
			if first.IsZero() {
				first = ms
			}
		}
	}
	var cut []string
	for _, c := range []struct {
		n    int
		what string
	}{{notEmployed, "mimo pracovní poměr"}, {probation, "ve zkušební době"}, {absent, "nepřítomnost delší než kalendářní měsíc"}} {
		if c.n > 0 {
			cut = append(cut, fmt.Sprintf("%d měs. %s", c.n, c.what))
		}
	}
	if owed == 0 {
		res.Why += fmt.Sprintf(" V roce %d ale povinnost nevzniká (%s; %s).", year, strings.Join(cut, ", "), r.Proration.Source)
		return
	}
	res.Applies = true
	res.Required = round(r.Required * float64(owed) / 12)
	if owed < 12 {
		res.Why += fmt.Sprintf(" Rozsah %s h krácen na %d/12 = %s h (%s; %s).", num(r.Required), owed, num(res.Required), strings.Join(cut, ", "), r.Proration.Source)
	}
	yearEnd := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	res.Deadline = yearEnd
	if p.LeftOn != nil && civil(*p.LeftOn).Before(yearEnd) {
		res.Deadline = civil(*p.LeftOn)
	}
	// Training in the year counts even when taken during probation or an absence: the paragraph limits what is
	// owed, not what counts.
	used := map[string]float64{}
	for _, rec := range recs {
		if rec.Date.Year() != year {
			continue
		}
		c, ok := r.admit(rec)
		if ok {
			c.Amount = rec.Hours
			if f := r.form(rec.Kind); f.Cap > 0 {
				c.Amount = max(0, min(rec.Hours, f.Cap-used[rec.Kind]))
				if c.Amount < rec.Hours {
					c.Note = fmt.Sprintf("započteno %s z %s h: %s", num(c.Amount), num(rec.Hours), f.Source)
				}
				used[rec.Kind] += c.Amount
			}
			res.Counted += c.Amount
		}
		if ok || c.Note != "" {
			res.Records = append(res.Records, c)
		}
	}
	res.Counted = round(res.Counted)
	res.State = state(res.Required, res.Counted, first, res.Deadline, today)
}

// days counts distinct attended dates within [from, to] of records that count: a day with two sessions
// counts once (standard 6c: "a day counts when the person attended an accredited session on that date").
func (r *Rule) days(res *Result, p Person, recs []Record, from, to, today time.Time) {
	res.Applies = true
	res.Required = r.Required
	res.Deadline = to
	if p.LeftOn != nil && civil(*p.LeftOn).Before(to) {
		res.Deadline = civil(*p.LeftOn)
	}
	start := from
	if p.HiredOn != nil && civil(*p.HiredOn).After(from) {
		start = civil(*p.HiredOn)
	}
	if r.Kind == DaysPerPeriod {
		res.Why += fmt.Sprintf(" Období %d let: %s – %s, počítáno od roku nástupu.", r.PeriodYears, date(from), date(to))
	}
	seen := map[time.Time]bool{}
	for _, rec := range recs {
		var in []time.Time
		for _, d := range attended(rec) {
			if !d.Before(from) && !d.After(to) {
				in = append(in, d)
			}
		}
		if len(in) == 0 {
			continue
		}
		c, ok := r.admit(rec)
		if ok {
			for _, d := range in {
				if !seen[d] {
					seen[d] = true
					c.Amount++
				}
			}
			if c.Amount < float64(len(in)) {
				c.Note = "den už započten z jiné akce; každý den se počítá jednou"
			}
			res.Counted += c.Amount
		}
		if ok || c.Note != "" {
			res.Records = append(res.Records, c)
		}
	}
	res.State = state(res.Required, res.Counted, start, res.Deadline, today)
}

// deadline: done once (by a record of a counting kind, at any date, also before hiring, e.g. a ZOZ exam
// passed at a previous employer) within deadline_months of hiring.
func (r *Rule) deadline(res *Result, p Person, recs []Record, today time.Time) {
	if p.HiredOn == nil {
		res.Why += " Chybí datum nástupu, lhůtu nelze určit."
		return
	}
	hired := civil(*p.HiredOn)
	if !r.inForce(hired) {
		res.Why = fmt.Sprintf("Týká se jen přijatých %s; nástup %s.", r.effective(), date(hired))
		return
	}
	res.Applies = true
	res.Required = 1
	res.Deadline = addMonths(hired, r.DeadlineMonths)
	res.Why += fmt.Sprintf(" Lhůta %d měsíců od nástupu %s.", r.DeadlineMonths, date(hired))
	for _, rec := range recs {
		if c, ok := r.admit(rec); ok {
			c.Amount = 1
			if civil(rec.Date).After(res.Deadline) {
				c.Note = "splněno po lhůtě"
			}
			res.Counted = 1
			res.Records = append(res.Records, c)
			res.State = StateMet
			return
		}
	}
	switch {
	case today.After(res.Deadline):
		res.State = StateMissed
	case !today.Before(addMonths(res.Deadline, -r.WarnMonths)):
		res.State = StateAtRisk
	default:
		res.State = StateOnTrack
	}
}

// admit says whether a record counts toward the rule; when it does not but a person would expect it to
// (a never_counts kind, a non-accredited course), the returned Counted carries the reason.
func (r *Rule) admit(rec Record) (Counted, bool) {
	c := Counted{RecordID: rec.ID, Kind: rec.Kind, Date: civil(rec.Date)}
	for _, x := range r.NeverCounts {
		if x.Kind == rec.Kind {
			c.Note = x.Why
			return c, false
		}
	}
	f := r.form(rec.Kind)
	switch {
	case f.Kind == "":
		return c, false
	case f.AccreditedOnly && !rec.Accredited:
		c.Note = "bez akreditace se nezapočítává: " + f.Source
		return c, false
	}
	return c, true
}

func (r *Rule) form(kind string) Form {
	for _, f := range r.Counts {
		if f.Kind == kind {
			return f
		}
	}
	return Form{}
}

// period is the span a periodic rule is evaluated over for the given year: the calendar year, or for
// days_per_period the block of period_years calendar years, counted from the hiring year, that contains it.
func (r *Rule) period(p Person, year int) (time.Time, time.Time) {
	first, last := year, year
	if r.Kind == DaysPerPeriod {
		anchor := r.EffectiveFrom.Year()
		if p.HiredOn != nil && p.HiredOn.Year() > anchor {
			anchor = p.HiredOn.Year()
		}
		if year >= anchor {
			first = anchor + (year-anchor)/r.PeriodYears*r.PeriodYears
		}
		last = first + r.PeriodYears - 1
	}
	return time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(last, 12, 31, 0, 0, 0, 0, time.UTC)
}

func (r *Rule) inForce(d time.Time) bool {
	return !d.Before(r.EffectiveFrom.Time) && (r.EffectiveUntil == nil || !d.After(r.EffectiveUntil.Time))
}

func (r *Rule) effective() string {
	if r.EffectiveUntil == nil {
		return "od " + date(r.EffectiveFrom.Time)
	}
	return fmt.Sprintf("od %s do %s", date(r.EffectiveFrom.Time), date(r.EffectiveUntil.Time))
}

// Unit is what Required and Counted of the rule's results are in.
func (r *Rule) Unit() string {
	switch r.Kind {
	case HoursPerYear:
		return UnitHours
	case DeadlineAfterHiring:
		return UnitCount
	}
	return UnitDays
}

// state implements the definitions documented at StateMet; start..deadline is the period being paced.
func state(required, counted float64, start, deadline, today time.Time) string {
	switch {
	case counted >= required:
		return StateMet
	case today.After(deadline):
		return StateMissed
	}
	elapsed := 0.0
	if total := deadline.Sub(start).Hours()/24 + 1; !today.Before(start) {
		elapsed = (today.Sub(start).Hours()/24 + 1) / total
	}
	if counted < required*elapsed-atRiskTolerance*required*(1-elapsed) {
		return StateAtRisk
	}
	return StateOnTrack
}

// employedThrough says whether the employment covers every day of [from, to].
func employedThrough(p Person, from, to time.Time) bool {
	return (p.HiredOn == nil || !civil(*p.HiredOn).After(from)) && (p.LeftOn == nil || !civil(*p.LeftOn).Before(to))
}

// inLongAbsence says whether [from, to] lies inside an absence longer than one calendar month (§ 111 odst. 1:
// only such absences reduce the hours; a month-long sick leave does not).
func inLongAbsence(absences []Period, from, to time.Time) bool {
	for _, a := range absences {
		af, at := civil(a.From), civil(a.To)
		if at.After(addMonths(af, 1).AddDate(0, 0, -1)) && !af.After(from) && !at.Before(to) {
			return true
		}
	}
	return false
}

// attended lists the dates a record was attended: its Days, else every date from Date to EndDate.
func attended(rec Record) []time.Time {
	if len(rec.Days) > 0 {
		out := make([]time.Time, len(rec.Days))
		for i, d := range rec.Days {
			out[i] = civil(d)
		}
		return out
	}
	var out []time.Time
	end := civil(rec.EndDate)
	for d := civil(rec.Date); len(out) == 0 || !d.After(end); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// addMonths adds calendar months the way Czech law counts a deadline in months: the same day number, or the
// last day of the month when it has no such day (31 Aug + 18 months = 28/29 Feb, not 3 Mar).
func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// civil drops the clock: rules speak in calendar dates.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func date(t time.Time) string { return t.Format("2. 1. 2006") }

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func round(f float64) float64 { return math.Round(f*100) / 100 }

func orNone(s string) string {
	if s == "" {
		return "neuvedeno"
	}
	return s
}
