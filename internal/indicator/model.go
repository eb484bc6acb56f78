// Package indicator computes the indicators of an organisation or a region over a year or a quarter (KA1 quality
// management, KA6 evaluation): shares of workers with an agreed assessment, an approved IPV and § 111 met, their
// training hours and support hours. Every cell describing fewer than MinCell people is suppressed, and so is
// whatever would let a suppressed cell be worked out by subtraction (see suppress.go).
package indicator

import (
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database"
)

// Path is where the indicators are served.
const Path = "/api/v1/indicators"

// Scopes an indicator is asked for.
const (
	ScopeOrganization = "organization"
	ScopeRegion       = "region"
)

// The indicators; their definitions are in openapi.yaml and README.md.
const (
	AssessmentAgreed    = "assessment_agreed"
	PlanApproved        = "plan_approved"
	Compliance111       = "compliance_111"
	TrainingHoursMean   = "training_hours_mean"
	TrainingHoursMedian = "training_hours_median"
	SupportHours        = "support_hours"
	TrainingNoShow      = "training_no_show"
	TrainingFillRate    = "training_fill_rate"
	GapMean             = "gap_mean"
	SupervisionCoverage = "supervision_coverage"
)

// Units of a value.
const (
	UnitShare = "share" // 0 to 1
	UnitHours = "hours"
	UnitLevel = "levels" // expected minus agreed level, −3 to 3
)

// rule111 is the requirement (internal/requirement/rules.yaml) behind Compliance111.
const rule111 = "zsps-111-hours"

// Query picks the scope, its identifier (an organisation's UUID or a region's code), the period and optionally one
// indicator.
type Query struct {
	Scope     string `query:"scope" validate:"required,oneof=organization region"`
	ID        string `query:"id" validate:"required,max=64"`
	Period    string `query:"period" validate:"required"`
	Indicator string `query:"indicator" validate:"omitempty,oneof=assessment_agreed plan_approved compliance_111 training_hours_mean training_hours_median support_hours training_no_show training_fill_rate gap_mean supervision_coverage"`
}

// Value is one cell. A suppressed cell has neither value nor n: it describes fewer than five people, or it would
// give one away by subtraction.
type Value struct {
	Indicator  string   `json:"indicator"`
	Kind       string   `json:"kind,omitempty"` // support_hours: the kind of support; gap_mean: the domain's code
	Unit       string   `json:"unit"`
	Suppressed bool     `json:"suppressed"`
	Value      *float64 `json:"value,omitempty"`
	N          *int     `json:"n,omitempty"`
}

// Indicators is the answer for one scope and period.
type Indicators struct {
	Scope      string        `json:"scope"`
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Period     string        `json:"period"`
	From       database.Date `json:"from"`
	To         database.Date `json:"to"`
	Indicators []Value       `json:"indicators"`
	// Organizations breaks a region's answer down by its organisations (not providers or the ministry, which employ
	// none of its workers), each cell suppressed as in its own answer, so a dashboard needs one request, not one per
	// office. Absent for an organisation.
	Organizations []OrganizationIndicators `json:"organizations,omitempty"`
}

// OrganizationIndicators is one organisation's cells within a region's answer.
type OrganizationIndicators struct {
	ID         uuid.UUID `json:"id"`
	Name       string    `json:"name"`
	Indicators []Value   `json:"indicators"`
}

// organization is what the indicators need of an organisation.
type organization struct {
	ID         uuid.UUID `bun:"id"`
	Name       string    `bun:"name"`
	RegionCode *string   `bun:"region_code"`
	Kind       string    `bun:"kind"`
}

// worker is a person counted by the indicators and the organisation they work for.
type worker struct {
	ID             uuid.UUID `bun:"id"`
	OrganizationID uuid.UUID `bun:"organization_id"`
}
