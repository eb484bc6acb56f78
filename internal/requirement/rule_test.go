package requirement

import (
	"strings"
	"testing"
)

func TestLoadShippedRules(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	// The numbers the law gives, read back from the data: a typo in rules.yaml fails here.
	hours := byID["zsps-111-hours"]
	if hours.Required != 24 || hours.form("training_event").Cap != 8 || !hours.form("course").AccreditedOnly ||
		hours.form("supervision").Kind != "" || hours.form("e_learning").Kind != "" {
		t.Errorf("§ 111 zák. 108/2006 Sb. read as %+v", hours)
	}
	if r := byID["spod-standard-6c"]; r.Required != 6 || r.Kind != DaysPerYear {
		t.Errorf("standard 6c read as %+v", r)
	}
	if r := byID["official-continuous"]; r.Required != 18 || r.PeriodYears != 3 {
		t.Errorf("§ 20 zák. 312/2002 Sb. read as %+v", r)
	}
	if r := byID["official-zoz"]; r.DeadlineMonths != 18 {
		t.Errorf("§ 21 zák. 312/2002 Sb. read as %+v", r)
	}
	if r := byID["official-induction-exam"]; r.EffectiveFrom.Format("2006-01-02") != "2025-06-01" {
		t.Errorf("§ 19a zák. 312/2002 Sb. in force from %v", r.EffectiveFrom)
	}
}

// valid is one well-formed rule; each case below breaks one thing in it.
const valid = `
rules:
  - id: r1
    title_cs: Pravidlo
    title_en: Rule
    source: § 1 zák. č. 1/2000 Sb.
    source_text: Něco.
    effective_from: 2020-01-01
    applies_to: {positions: [ospod-social-worker]}
    kind: hours_per_year
    required: 24
    counts:
      - {kind: course, source: § 1 odst. 2}
`

func TestParseRejectsBadRules(t *testing.T) {
	if _, err := Parse([]byte(valid)); err != nil {
		t.Fatalf("the valid base rule is rejected: %v", err)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"unknown kind", "kind: hours_per_year", "kind: hours_per_week", `unknown kind "hours_per_week"`},
		{"missing source", "source: § 1 zák. č. 1/2000 Sb.", "source: ''", "source (the paragraph) is missing"},
		{"missing source text", "source_text: Něco.", "source_text: ''", "source_text"},
		{"bad date", "effective_from: 2020-01-01", "effective_from: 2020-13-01", `"2020-13-01" is not a date`},
		{"missing date", "effective_from: 2020-01-01", "", "effective_from is missing"},
		{"until before from", "kind: hours_per_year", "effective_until: 2019-12-31\n    kind: hours_per_year", "effective_until must be after"},
		{"unknown field", "required: 24", "required: 24\n    hours: 24", "field hours not found"},
		{"unknown position", "[ospod-social-worker]", "[astronaut]", `no position has the code "astronaut"`},
		{"unknown employment type", "{positions: [ospod-social-worker]}", "{employment_types: [contractor]}", `unknown employment type "contractor"`},
		{"unknown org kind", "{positions: [ospod-social-worker]}", "{org_kinds: [church]}", `unknown organisation kind "church"`},
		{"applies to nobody", "applies_to: {positions: [ospod-social-worker]}", "applies_to: {}", "applies_to names nobody"},
		{"unknown record kind", "{kind: course, source: § 1 odst. 2}", "{kind: webinar, source: § 1 odst. 2}", `unknown record kind "webinar"`},
		{"form without source", "{kind: course, source: § 1 odst. 2}", "{kind: course}", "course has no source"},
		{"no required", "required: 24", "required: 0", "required must be positive"},
		{"deadline without months", "kind: hours_per_year\n    required: 24", "kind: deadline_after_hiring\n    required: 1", "deadline_months is required"},
		{"period without years", "kind: hours_per_year", "kind: days_per_period", "period_years is required"},
		{"cap on days", "{kind: course, source: § 1 odst. 2}", "{kind: course, cap: 8, source: § 1 odst. 2}", "a cap in hours needs an hours rule"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(valid, tc.from, tc.to, 1)
			if tc.name == "cap on days" {
				src = strings.Replace(src, "hours_per_year", "days_per_year", 1)
			}
			_, err := Parse([]byte(src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	t.Run("duplicate id", func(t *testing.T) {
		src := valid + strings.TrimPrefix(valid, "\nrules:\n")
		if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), "id is not unique") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("never_counts also counted", func(t *testing.T) {
		src := valid + "    never_counts:\n      - {kind: course, why: ne}\n"
		if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), "course is also in counts") {
			t.Fatalf("got %v", err)
		}
	})
}
