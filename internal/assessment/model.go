// Package assessment keeps self-assessments (sebehodnocení) against a version of the competency model: the
// worker's ratings, the lead's review, and the levels both agreed on.
package assessment

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// States of an assessment. A draft is the worker's alone; submitted goes to the lead, who reviews it or
// returns it; the worker agrees to a reviewed one, and an agreed assessment never changes.
const (
	Draft     = "draft"
	Submitted = "submitted"
	Reviewed  = "reviewed"
	Returned  = "returned"
	Agreed    = "agreed"
)

// Assessment is one self-assessment of a person against one framework version.
type Assessment struct {
	bun.BaseModel `bun:"table:assessments,alias:a"`

	ID          uuid.UUID  `bun:"id,pk" json:"id"`
	PersonID    uuid.UUID  `bun:"person_id" json:"person_id"`
	FrameworkID uuid.UUID  `bun:"framework_id" json:"framework_id"`
	State       string     `bun:"state" json:"state"`
	Version     int        `bun:"version" json:"version"`
	ReviewerID  *uuid.UUID `bun:"reviewer_id" json:"reviewer_id"`
	SubmittedAt *time.Time `bun:"submitted_at" json:"submitted_at"`
	ReviewedAt  *time.Time `bun:"reviewed_at" json:"reviewed_at"`
	AgreedAt    *time.Time `bun:"agreed_at" json:"agreed_at"`
	LeadComment string     `bun:"lead_comment" json:"lead_comment"`
	// DueOn is the day the yearly assessment was due when the person started it.
	DueOn     *database.Date `bun:"due_on" json:"due_on"`
	CreatedAt time.Time      `bun:"created_at" json:"created_at"`
	UpdatedAt time.Time      `bun:"updated_at" json:"updated_at"`

	PersonName string `bun:"person_name,scanonly" json:"person_name"` // read with the record, never written

	Ratings []Rating `bun:"-" json:"ratings"`
}

// Rating is one competency of an assessment: the worker's level (or not applicable) with evidence, the lead's
// proposal with a comment, and the agreed level once both confirmed.
type Rating struct {
	bun.BaseModel `bun:"table:assessment_ratings,alias:r"`

	AssessmentID      uuid.UUID `bun:"assessment_id,pk" json:"-"`
	CompetencyID      uuid.UUID `bun:"competency_id,pk" json:"competency_id"`
	SelfLevel         *int      `bun:"self_level" json:"self_level"`
	SelfNotApplicable bool      `bun:"self_not_applicable" json:"self_not_applicable"`
	Evidence          string    `bun:"evidence" json:"evidence"`
	LeadLevel         *int      `bun:"lead_level" json:"lead_level"`
	LeadNotApplicable bool      `bun:"lead_not_applicable" json:"lead_not_applicable"`
	LeadComment       string    `bun:"lead_comment" json:"lead_comment"`
	AgreedLevel       *int      `bun:"agreed_level" json:"agreed_level"`
}

// rated reports whether the worker has answered this competency (a level or not applicable).
func (r Rating) rated() bool { return r.SelfLevel != nil || r.SelfNotApplicable }
