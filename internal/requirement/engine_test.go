package requirement

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dayp(s string) *time.Time { t := day(s); return &t }

func shipped(t *testing.T) []Rule {
	t.Helper()
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// result evaluates the shipped rules and returns the one result for ruleID.
func result(t *testing.T, rules []Rule, ruleID string, p Person, recs []Record, year int, today string) Result {
	t.Helper()
	for _, r := range Evaluate(rules, p, recs, year, day(today)) {
		if r.RuleID == ruleID {
			return r
		}
	}
	t.Fatalf("no result for %s", ruleID)
	return Result{}
}

func hoursRec(id, kind, date string, hours float64, accredited bool) Record {
	return Record{ID: id, Kind: kind, Date: day(date), Hours: hours, Accredited: accredited}
}

// A social worker at an NGO, hired long ago: § 111 zák. 108/2006 Sb. applies in full.
var socialWorker = Person{
	HiredOn: dayp("2020-01-01"), ProbationEnd: dayp("2020-03-31"),
	EmploymentType: "employee", PositionCode: "ospod-social-worker", OrgKind: "ngo",
}

func with(p Person, change func(*Person)) Person { change(&p); return p }

func TestSocialWorkerHours(t *testing.T) {
	rules := shipped(t)
	course16 := hoursRec("c16", "course", "2026-03-10", 16, true)
	conf8 := hoursRec("k8", "conference", "2026-05-10", 8, false)
	for _, tc := range []struct {
		name     string // the paragraph the case encodes
		person   Person
		records  []Record
		today    string
		required float64
		counted  float64
		state    string
		why      string // a fragment Why must contain
	}{
		{"§ 111 odst. 1: a full year owes 24 hours", socialWorker, []Record{course16, conf8}, "2027-01-15", 24, 24, StateMet, "Týká se: pozice Sociální pracovník/pracovnice OSPOD."},
		{"§ 111 odst. 1: part-year employment, hired 1 April, owes 9/12 = 18 hours",
			with(socialWorker, func(p *Person) { p.HiredOn, p.ProbationEnd = dayp("2026-04-01"), nil }),
			[]Record{course16}, "2027-01-15", 18, 16, StateMissed, "krácen na 9/12 = 18 h (3 měs. mimo pracovní poměr"},
		{"§ 111 odst. 1: only whole calendar months count, hired 15 April owes 8/12 = 16 hours",
			with(socialWorker, func(p *Person) { p.HiredOn, p.ProbationEnd = dayp("2026-04-15"), nil }),
			[]Record{course16}, "2027-01-15", 16, 16, StateMet, "8/12"},
		{"§ 111 odst. 1: leaving on 30 June owes 6/12 = 12 hours, due on the last day",
			with(socialWorker, func(p *Person) { p.LeftOn = dayp("2026-06-30") }),
			[]Record{course16}, "2027-01-15", 12, 16, StateMet, "6/12"},
		{"§ 111 odst. 1: no obligation during probation, pro-rated after it (probation Jan–Mar → 18 hours)",
			with(socialWorker, func(p *Person) { p.HiredOn, p.ProbationEnd = dayp("2026-01-01"), dayp("2026-03-31") }),
			nil, "2027-01-15", 18, 0, StateMissed, "3 měs. ve zkušební době"},
		{"§ 111 odst. 1: a month only partly in probation is not owed (probation to 14 April → May–Dec, 16 hours)",
			with(socialWorker, func(p *Person) { p.HiredOn, p.ProbationEnd = dayp("2026-01-15"), dayp("2026-04-14") }),
			nil, "2027-01-15", 16, 0, StateMissed, "1 měs. mimo pracovní poměr, 3 měs. ve zkušební době"},
		{"§ 111 odst. 1: still in probation at the end of the year → no obligation",
			with(socialWorker, func(p *Person) { p.HiredOn, p.ProbationEnd = dayp("2026-10-01"), dayp("2026-12-31") }),
			nil, "2027-01-15", 0, 0, StateNotApplicable, "povinnost nevzniká"},
		{"§ 111 odst. 1: an absence of two calendar months reduces by 2/12 → 20 hours",
			with(socialWorker, func(p *Person) { p.Absences = []Period{{day("2026-03-01"), day("2026-04-30")}} }),
			[]Record{course16}, "2027-01-15", 20, 16, StateMissed, "2 měs. nepřítomnost delší než kalendářní měsíc"},
		{"§ 111 odst. 1: an absence of exactly one calendar month does not reduce",
			with(socialWorker, func(p *Person) { p.Absences = []Period{{day("2026-03-01"), day("2026-03-31")}} }),
			[]Record{course16, conf8}, "2027-01-15", 24, 24, StateMet, ""},
		{"§ 111 odst. 1: a long absence reduces only by the whole months it covers (10 Mar – 20 May → April only)",
			with(socialWorker, func(p *Person) { p.Absences = []Period{{day("2026-03-10"), day("2026-05-20")}} }),
			[]Record{course16, conf8}, "2027-01-15", 22, 24, StateMet, "11/12"},
		{"§ 111 odst. 2 písm. d): training events count at most 8 hours a year",
			socialWorker,
			[]Record{course16, hoursRec("t6", "training_event", "2026-02-01", 6, false), hoursRec("t5", "training_event", "2026-06-01", 5, false)},
			"2027-01-15", 24, 24, StateMet, ""},
		{"§ 111 odst. 2: supervision is not a form of further education and never counts",
			socialWorker, []Record{course16, hoursRec("s", "supervision", "2026-04-01", 30, false)},
			"2027-01-15", 24, 16, StateMissed, ""},
		{"§ 111 odst. 2: e-learning is not a listed form and a course counts only when accredited (písm. b)",
			socialWorker, []Record{conf8, hoursRec("e", "e_learning", "2026-04-01", 10, true), hoursRec("n", "course", "2026-04-02", 10, false)},
			"2027-01-15", 24, 8, StateMissed, ""},
		{"§ 111 odst. 1: only the calendar year evaluated counts",
			socialWorker, []Record{hoursRec("old", "course", "2025-12-31", 24, true), course16},
			"2027-01-15", 24, 16, StateMissed, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, rules, "zsps-111-hours", tc.person, tc.records, 2026, tc.today)
			if r.Required != tc.required || r.Counted != tc.counted || r.State != tc.state {
				t.Errorf("required %v counted %v state %s, want %v %v %s (%s)", r.Required, r.Counted, r.State, tc.required, tc.counted, tc.state, r.Why)
			}
			if r.Remaining != max(0, tc.required-tc.counted) || r.Unit != UnitHours || r.Source != "§ 111 odst. 1 zák. č. 108/2006 Sb." {
				t.Errorf("remaining %v unit %s source %s", r.Remaining, r.Unit, r.Source)
			}
			if r.Applies != (tc.state != StateNotApplicable) || !strings.Contains(r.Why, tc.why) {
				t.Errorf("applies %v, why %q does not say %q", r.Applies, r.Why, tc.why)
			}
		})
	}
}

// The records a result lists say what counted and why something did not.
func TestCountedRecordsExplainCapsAndExclusions(t *testing.T) {
	recs := []Record{
		hoursRec("t6", "training_event", "2026-02-01", 6, false),
		hoursRec("t5", "training_event", "2026-06-01", 5, false),
		hoursRec("t4", "training_event", "2026-07-01", 4, false),
		hoursRec("s", "supervision", "2026-04-01", 30, false),
		hoursRec("e", "e_learning", "2026-04-01", 10, true),
		hoursRec("n", "course", "2026-04-02", 10, false),
	}
	r := result(t, shipped(t), "zsps-111-hours", socialWorker, recs, 2026, "2026-11-01")
	got := map[string]Counted{}
	for _, c := range r.Records {
		got[c.RecordID] = c
	}
	for id, want := range map[string]float64{"t6": 6, "s": 0, "t5": 2, "n": 0, "t4": 0} {
		if c, ok := got[id]; !ok || c.Amount != want {
			t.Errorf("%s counted %+v, want %v", id, c, want)
		}
	}
	if _, listed := got["e"]; listed || len(r.Records) != 5 {
		t.Errorf("e-learning is not a form of § 111 and is not listed: %+v", r.Records)
	}
	if !strings.Contains(got["t5"].Note, "započteno 2 z 5 h") || !strings.Contains(got["s"].Note, "Supervize") ||
		!strings.Contains(got["n"].Note, "bez akreditace") {
		t.Errorf("notes: %+v", r.Records)
	}
	if r.Counted != 8 {
		t.Errorf("counted %v, want the 8-hour cap", r.Counted)
	}
}

// at_risk = counted below required × e − 50 % of required × (1 − e), e the elapsed share of the year (see StateMet).
func TestHoursStateFollowsTheYear(t *testing.T) {
	rules := shipped(t)
	for _, tc := range []struct {
		name    string
		hours   float64
		today   string
		want    string
		dueDate string
	}{
		{"early in the year nothing yet is fine", 0, "2026-03-01", StateOnTrack, "2026-12-31"},
		{"end of June with nothing is behind (expected ≈11.9 − 6)", 0, "2026-06-30", StateAtRisk, "2026-12-31"},
		{"end of September with 12 of 24 hours is behind (expected ≈18 − 3)", 12, "2026-09-30", StateAtRisk, "2026-12-31"},
		{"end of September with 16 of 24 hours is on track", 16, "2026-09-30", StateOnTrack, "2026-12-31"},
		{"24 hours in June is met", 24, "2026-06-30", StateMet, "2026-12-31"},
		{"on 31 December anything short is at risk, not yet missed", 23, "2026-12-31", StateAtRisk, "2026-12-31"},
		{"on 1 January the year is missed", 20, "2027-01-01", StateMissed, "2026-12-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := []Record{hoursRec("c", "course", "2026-02-01", tc.hours, true)}
			r := result(t, rules, "zsps-111-hours", socialWorker, recs, 2026, tc.today)
			if r.State != tc.want || !r.Deadline.Equal(day(tc.dueDate)) {
				t.Errorf("state %s deadline %v, want %s %s", r.State, r.Deadline, tc.want, tc.dueDate)
			}
		})
	}
}

var ospodWorker = Person{
	HiredOn: dayp("2019-09-01"), EmploymentType: "official", PositionCode: "ospod-social-worker", OrgKind: "municipality",
}

func TestStandard6cDays(t *testing.T) {
	rules := shipped(t)
	course := func(id, from, to string, accredited bool) Record {
		return Record{ID: id, Kind: "course", Accredited: accredited, Date: day(from), EndDate: day(to)}
	}
	for _, tc := range []struct {
		name    string
		person  Person
		records []Record
		counted float64
		state   string
	}{
		{"standard 6c: six days of accredited courses are met",
			ospodWorker, []Record{course("a", "2026-03-02", "2026-03-04", true), course("b", "2026-10-05", "2026-10-07", true)}, 6, StateMet},
		{"standard 6c: a day counts once even with two accredited sessions that day",
			ospodWorker, []Record{course("am", "2026-03-02", "2026-03-02", true), course("pm", "2026-03-02", "2026-03-02", true)}, 1, StateMissed},
		{"standard 6c: only the days actually attended count",
			ospodWorker, []Record{{ID: "x", Kind: "course", Accredited: true, Date: day("2026-03-02"), EndDate: day("2026-03-04"),
				Days: []time.Time{day("2026-03-02"), day("2026-03-04")}}}, 2, StateMissed},
		{"standard 6c: only accredited training counts",
			ospodWorker, []Record{course("n", "2026-03-02", "2026-03-06", false), {ID: "s", Kind: "supervision", Date: day("2026-04-01")}}, 0, StateMissed},
		{"standard 6c: days outside the calendar year do not count",
			ospodWorker, []Record{course("y", "2025-12-30", "2026-01-02", true)}, 2, StateMissed},
		{"standard 6c concerns OSPOD staff only (an NGO worker is not OSPOD)",
			with(ospodWorker, func(p *Person) { p.OrgKind = "ngo" }), nil, 0, StateNotApplicable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, rules, "spod-standard-6c", tc.person, tc.records, 2026, "2027-01-15")
			if r.Counted != tc.counted || r.State != tc.state || r.Unit != UnitDays {
				t.Errorf("counted %v state %s unit %s, want %v %s (%s)", r.Counted, r.State, r.Unit, tc.counted, tc.state, r.Why)
			}
		})
	}
	r := result(t, rules, "spod-standard-6c", ospodWorker,
		[]Record{course("am", "2026-03-02", "2026-03-02", true), course("pm", "2026-03-02", "2026-03-02", true)}, 2026, "2027-01-15")
	if len(r.Records) != 2 || r.Records[0].Amount != 1 || r.Records[1].Amount != 0 || r.Records[1].Note == "" {
		t.Errorf("the second session of the same day is listed with 0 and why: %+v", r.Records)
	}
}

func TestOfficialZOZDeadline(t *testing.T) {
	rules := shipped(t)
	hired := with(ospodWorker, func(p *Person) { p.HiredOn = dayp("2025-03-01") }) // deadline 1. 9. 2026
	exam := func(date string) []Record { return []Record{{ID: "zoz", Kind: "exam_zoz", Date: day(date)}} }
	for _, tc := range []struct {
		name     string
		person   Person
		records  []Record
		year     int
		today    string
		state    string
		deadline string
	}{
		{"§ 21 zák. 312/2002 Sb.: the exam passed within 18 months is met", hired, exam("2026-02-10"), 2026, "2026-03-01", StateMet, "2026-09-01"},
		{"§ 21: still met, though late, once passed after the deadline", hired, exam("2026-10-10"), 2026, "2026-11-01", StateMet, "2026-09-01"},
		{"§ 21: 18 months passed without the exam is missed", hired, nil, 2026, "2026-09-02", StateMissed, "2026-09-01"},
		{"§ 21: on the deadline day it is not yet missed", hired, nil, 2026, "2026-09-01", StateAtRisk, "2026-09-01"},
		{"§ 21: less than 3 months (warn_months) before the deadline is at risk", hired, nil, 2026, "2026-06-01", StateAtRisk, "2026-09-01"},
		{"§ 21: more than 3 months ahead is on track", hired, nil, 2025, "2025-10-01", StateOnTrack, "2026-09-01"},
		{"§ 21: an exam from a previous employer counts", hired, exam("2019-05-05"), 2025, "2025-10-01", StateMet, "2026-09-01"},
		{"§ 21: a deadline in months ends on the last day of a month too short for the day (31 Aug + 18 months)",
			with(ospodWorker, func(p *Person) { p.HiredOn = dayp("2024-08-31") }), nil, 2026, "2026-01-15", StateAtRisk, "2026-02-28"},
		{"§ 21 concerns officials only", with(hired, func(p *Person) { p.EmploymentType = "employee" }), nil, 2026, "2026-09-02", StateNotApplicable, "0001-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, rules, "official-zoz", tc.person, tc.records, tc.year, tc.today)
			if r.State != tc.state || !r.Deadline.Equal(day(tc.deadline)) || r.Unit != UnitCount {
				t.Errorf("state %s deadline %v unit %s, want %s %s (%s)", r.State, r.Deadline, r.Unit, tc.state, tc.deadline, r.Why)
			}
		})
	}
}

func TestOfficialEighteenDaysInThreeYears(t *testing.T) {
	rules := shipped(t)
	official := with(ospodWorker, func(p *Person) { p.HiredOn = dayp("2024-03-01") }) // periods 2024–2026, 2027–2029
	course := func(id, from, to string) Record {
		return Record{ID: id, Kind: "course", Accredited: true, Date: day(from), EndDate: day(to)}
	}
	spread := []Record{
		course("a", "2024-05-06", "2024-05-10"), // 5
		course("b", "2025-05-05", "2025-05-10"), // 6
		course("c", "2026-05-04", "2026-05-10"), // 7
	}
	for _, tc := range []struct {
		name     string
		records  []Record
		year     int
		today    string
		counted  float64
		state    string
		deadline string
	}{
		{"§ 20 zák. 312/2002 Sb.: 18 days spread over the 3 calendar years are met", spread, 2026, "2026-06-01", 18, StateMet, "2026-12-31"},
		{"§ 20: the period is the same whichever of its years is asked about", spread, 2024, "2026-06-01", 18, StateMet, "2026-12-31"},
		{"§ 20: 11 days when the 3 years are over is missed", spread[:2], 2026, "2027-01-05", 11, StateMissed, "2026-12-31"},
		{"§ 20: the next period starts from zero", spread, 2027, "2027-02-01", 0, StateOnTrack, "2029-12-31"},
		{"§ 20: an accredited e-learning day counts; a non-accredited course does not",
			[]Record{{ID: "e", Kind: "e_learning", Accredited: true, Date: day("2025-02-02")}, {ID: "n", Kind: "course", Date: day("2025-02-03")}},
			2025, "2025-03-01", 1, StateOnTrack, "2026-12-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, rules, "official-continuous", official, tc.records, tc.year, tc.today)
			if r.Counted != tc.counted || r.State != tc.state || !r.Deadline.Equal(day(tc.deadline)) || r.Required != 18 {
				t.Errorf("counted %v state %s deadline %v, want %v %s %s (%s)", r.Counted, r.State, r.Deadline, tc.counted, tc.state, tc.deadline, r.Why)
			}
		})
	}
}

// The amendment of zák. 312/2002 Sb. in force from 1 June 2025 added the induction exam (§ 19a–19b): it binds
// only officials hired on or after that day, while the induction itself (§ 19) binds all of them.
func TestInductionExamAmendment(t *testing.T) {
	rules := shipped(t)
	for _, tc := range []struct {
		name        string
		hired       string
		examApplies bool
	}{
		{"hired the day before the amendment: no induction exam", "2025-05-31", false},
		{"hired on the day the amendment took effect: induction exam owed", "2025-06-01", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := with(ospodWorker, func(p *Person) { p.HiredOn = dayp(tc.hired) })
			recs := []Record{{ID: "i", Kind: "induction", Date: day("2025-07-15")}}
			induction := result(t, rules, "official-induction", p, recs, 2025, "2025-12-01")
			exam := result(t, rules, "official-induction-exam", p, recs, 2025, "2025-12-01")
			if !induction.Applies || induction.State != StateMet {
				t.Errorf("induction (§ 19): %+v", induction)
			}
			if exam.Applies != tc.examApplies {
				t.Fatalf("exam applies %v: %s", exam.Applies, exam.Why)
			}
			if !tc.examApplies && (exam.State != StateNotApplicable || !strings.Contains(exam.Why, "od 1. 6. 2025")) {
				t.Errorf("exam not owed should say why: %+v", exam)
			}
			if tc.examApplies && (exam.State != StateMissed || !exam.Deadline.Equal(day("2025-09-01"))) {
				t.Errorf("exam owed within 3 months and not taken: %+v", exam)
			}
		})
	}
}

// A change of law is a change of data: two versions of a yearly rule, the one in force on 1 January governs.
func TestRuleVersionsByEffectiveDate(t *testing.T) {
	src := strings.Replace(valid, "effective_from: 2020-01-01", "effective_from: 2020-01-01\n    effective_until: 2025-12-31", 1) +
		strings.NewReplacer("id: r1", "id: r2", "2020-01-01", "2026-01-01", "required: 24", "required: 30").
			Replace(strings.TrimPrefix(valid, "\nrules:\n"))
	rules, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for year, want := range map[int]string{2025: "r1", 2026: "r2"} {
		got := Evaluate(rules, socialWorker, nil, year, day("2026-06-01"))
		if len(got) != 1 || got[0].RuleID != want {
			t.Errorf("%d: %+v, want only %s", year, got, want)
		}
	}
}

// TestWhyInWords: the reason a rule does or does not concern someone names positions, employment and employers
// in Czech words, not codes, and in the third person: the worker and their lead read the same text.
func TestWhyInWords(t *testing.T) {
	rules := shipped(t)
	for _, tc := range []struct {
		name, rule string
		person     Person
		want       string
	}{
		{"§ 21 zák. 312/2002 Sb. concerns officials only", "official-zoz", with(ospodWorker, func(p *Person) { p.EmploymentType = "employee" }),
			"Týká se jen: pracovní poměr úředník (zák. 312/2002 Sb.). V evidenci: zaměstnanec."},
		{"standard 6c concerns workers of an OSPOD", "spod-standard-6c", with(ospodWorker, func(p *Person) { p.OrgKind = "ngo" }),
			"Týká se jen: zaměstnavatel obecní úřad (ORP). V evidenci: nezisková organizace."},
		{"§ 111 concerns the positions of social work", "zsps-111-hours", with(socialWorker, func(p *Person) { p.PositionCode = "administrator" }),
			"V evidenci: Správce systému."},
		{"a person without a position", "zsps-111-hours", with(socialWorker, func(p *Person) { p.PositionCode = "" }),
			"V evidenci: neuvedeno."},
		{"every criterion that holds, in words", "spod-standard-6c", ospodWorker,
			"Týká se: pozice Sociální pracovník/pracovnice OSPOD, zaměstnavatel obecní úřad (ORP)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, rules, tc.rule, tc.person, nil, 2026, "2026-06-01")
			if !strings.Contains(r.Why, tc.want) || strings.Contains(r.Why, " vás") || strings.Contains(r.Why, "official") {
				t.Errorf("why %q, want it to say %q", r.Why, tc.want)
			}
		})
	}
}
