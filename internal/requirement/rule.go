// Package requirement holds the statutory training requirements (povinné vzdělávání) as versioned data with
// their legal source (rules.yaml) and a pure engine that evaluates a person's training records against them.
package requirement

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/competencies"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/export"
)

// Kinds of rule: what is owed and over which period.
const (
	HoursPerYear        = "hours_per_year"        // hours in a calendar year (§ 111 zák. 108/2006 Sb.)
	DaysPerYear         = "days_per_year"         // attended days in a calendar year (standard 6c)
	DaysPerPeriod       = "days_per_period"       // attended days in a period of calendar years (§ 20 zák. 312/2002 Sb.)
	DeadlineAfterHiring = "deadline_after_hiring" // something done once within months of hiring (ZOZ, induction)
)

// Record kinds: the forms of training and the one-off events a rule may count.
var recordKinds = map[string]bool{
	"course": true, "conference": true, "internship": true, "specialisation": true, "e_learning": true,
	"training_event": true, "supervision": true, "exam_zoz": true, "induction": true, "induction_exam": true,
}

var employmentTypes = map[string]bool{"official": true, "employee": true}

var orgKinds = map[string]bool{
	directory.KindMinistry: true, directory.KindRegion: true, directory.KindMunicipality: true,
	directory.KindProvider: true, directory.KindNGO: true,
}

// Rule is one statutory requirement in one version of the law.
type Rule struct {
	ID             string    `yaml:"id"`
	TitleCS        string    `yaml:"title_cs"`
	TitleEN        string    `yaml:"title_en"`
	Source         string    `yaml:"source"`
	SourceText     string    `yaml:"source_text"`
	EffectiveFrom  Day       `yaml:"effective_from"`
	EffectiveUntil *Day      `yaml:"effective_until"`
	AppliesTo      Scope     `yaml:"applies_to"`
	Kind           string    `yaml:"kind"`
	Required       float64   `yaml:"required"`
	PeriodYears    int       `yaml:"period_years"`
	DeadlineMonths int       `yaml:"deadline_months"`
	WarnMonths     int       `yaml:"warn_months"`
	Counts         []Form    `yaml:"counts"`
	NeverCounts    []Exclude `yaml:"never_counts"`
	Proration      Proration `yaml:"proration"`

	positionNames export.Words // the Czech names of the positions, by code, for Why
}

// Scope says whom a rule concerns: every non-empty list must contain the person's value.
type Scope struct {
	Positions       []string `yaml:"positions"`
	EmploymentTypes []string `yaml:"employment_types"`
	OrgKinds        []string `yaml:"org_kinds"`
}

// Form is a record kind that counts toward a rule.
type Form struct {
	Kind           string  `yaml:"kind"`
	AccreditedOnly bool    `yaml:"accredited_only"`
	Cap            float64 `yaml:"cap"` // hours a year at most; 0 = no cap
	Source         string  `yaml:"source"`
}

// Exclude is a record kind that never counts, with the reason shown to the person.
type Exclude struct {
	Kind string `yaml:"kind"`
	Why  string `yaml:"why"`
}

// Proration is the pro-rating of a yearly hours requirement that its paragraph allows.
type Proration struct {
	PartYear  bool   `yaml:"part_year"`
	Absence   bool   `yaml:"absence"`
	Probation bool   `yaml:"probation"`
	Source    string `yaml:"source"`
}

// Day is a calendar date written as YYYY-MM-DD in the rules file.
type Day struct{ time.Time }

// UnmarshalYAML accepts only a plain YYYY-MM-DD date, so a typo in a date of effect fails the load.
func (d *Day) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a date (YYYY-MM-DD)", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

//go:embed rules.yaml
var rulesYAML []byte

// Load returns the rules shipped with the product, validated.
func Load() ([]Rule, error) { return Parse(rulesYAML) }

// Parse reads and validates a rules file: unknown fields, unknown kinds, a missing source, bad or inverted dates,
// unknown position codes and kind-specific numbers that are missing are all errors, listed together.
func Parse(b []byte) ([]Rule, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var doc struct {
		Rules []Rule `yaml:"rules"`
	}
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("rules.yaml: %w", err)
	}
	positions, err := directory.LoadPositions(competencies.FS)
	if err != nil {
		return nil, err
	}
	known, names := map[string]bool{}, export.Words{}
	for _, p := range positions {
		known[p.Code], names[p.Code] = true, p.NameCS
	}
	var errs []error
	ids := map[string]bool{}
	for i := range doc.Rules {
		r := &doc.Rules[i]
		name := r.ID
		if name == "" {
			name = fmt.Sprintf("rule %d", i+1)
		}
		for _, msg := range r.problems(known) {
			errs = append(errs, fmt.Errorf("rules.yaml: %s: %s", name, msg))
		}
		if r.ID != "" && ids[r.ID] {
			errs = append(errs, fmt.Errorf("rules.yaml: %s: id is not unique", name))
		}
		ids[r.ID] = true
		r.positionNames = names
	}
	if len(doc.Rules) == 0 {
		errs = append(errs, errors.New("rules.yaml: no rules"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return doc.Rules, nil
}

func (r *Rule) problems(positions map[string]bool) []string {
	var p []string
	need := func(ok bool, msg string) {
		if !ok {
			p = append(p, msg)
		}
	}
	need(r.ID != "", "id is missing")
	need(r.TitleCS != "" && r.TitleEN != "", "title_cs and title_en are required")
	need(r.Source != "", "source (the paragraph) is missing")
	need(r.SourceText != "", "source_text (what the paragraph says) is missing")
	need(!r.EffectiveFrom.IsZero(), "effective_from is missing")
	need(r.EffectiveUntil == nil || r.EffectiveUntil.After(r.EffectiveFrom.Time), "effective_until must be after effective_from")
	need(r.Required > 0, "required must be positive")
	need(len(r.Counts) > 0, "counts lists no record kind")
	need(len(r.AppliesTo.Positions)+len(r.AppliesTo.EmploymentTypes)+len(r.AppliesTo.OrgKinds) > 0,
		"applies_to names nobody")
	switch r.Kind {
	case HoursPerYear, DaysPerYear:
	case DaysPerPeriod:
		need(r.PeriodYears > 0, "period_years is required for days_per_period")
	case DeadlineAfterHiring:
		need(r.DeadlineMonths > 0, "deadline_months is required for deadline_after_hiring")
		need(r.WarnMonths >= 0 && r.WarnMonths < r.DeadlineMonths, "warn_months must be below deadline_months")
		need(r.Required == 1, "required must be 1 for deadline_after_hiring (done once)")
	default:
		p = append(p, fmt.Sprintf("unknown kind %q", r.Kind))
	}
	need(r.Kind == HoursPerYear || r.Proration == (Proration{}), "proration applies only to hours_per_year")
	need(!(r.Proration.PartYear || r.Proration.Absence || r.Proration.Probation) || r.Proration.Source != "",
		"proration needs its source")
	counted := map[string]bool{}
	for _, f := range r.Counts {
		need(recordKinds[f.Kind], fmt.Sprintf("counts: unknown record kind %q", f.Kind))
		need(f.Source != "", fmt.Sprintf("counts: %s has no source", f.Kind))
		need(f.Cap >= 0, fmt.Sprintf("counts: %s has a negative cap", f.Kind))
		need(f.Cap == 0 || r.Kind == HoursPerYear, fmt.Sprintf("counts: %s: a cap in hours needs an hours rule", f.Kind))
		need(!counted[f.Kind], fmt.Sprintf("counts: %s is listed twice", f.Kind))
		counted[f.Kind] = true
	}
	for _, x := range r.NeverCounts {
		need(recordKinds[x.Kind], fmt.Sprintf("never_counts: unknown record kind %q", x.Kind))
		need(x.Why != "", fmt.Sprintf("never_counts: %s needs why", x.Kind))
		need(!counted[x.Kind], fmt.Sprintf("never_counts: %s is also in counts", x.Kind))
	}
	for _, c := range r.AppliesTo.Positions {
		need(positions[c], fmt.Sprintf("applies_to: no position has the code %q (see competencies/positions.yaml)", c))
	}
	for _, e := range r.AppliesTo.EmploymentTypes {
		need(employmentTypes[e], fmt.Sprintf("applies_to: unknown employment type %q", e))
	}
	for _, k := range r.AppliesTo.OrgKinds {
		need(orgKinds[k], fmt.Sprintf("applies_to: unknown organisation kind %q", k))
	}
	return p
}
