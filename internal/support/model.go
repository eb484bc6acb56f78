// Package support is the support log (profesní podpora): mentoring, intervision, case consultation, case
// conference participation, methodological guidance and shadowing that a worker logs with its day, minutes and
// kind. Only the worker reads and changes their entries and the private note; the leads of their teams see the
// hours summed by kind. These hours never count toward the statutory training hours (internal/requirement).
package support

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// Path is where the support log is served.
const Path = "/api/v1/support-log"

// Kinds are the kinds of support, in the order reports show them.
var Kinds = []string{"mentoring", "intervision", "case_consultation", "case_conference", "methodological_guidance", "shadowing"}

// yearsOfPast is how far back an entry is still logged (1–1440 minutes and a note of 2,000 characters are in
// the validation tags).
const yearsOfPast = 5

// Entry is one logged piece of support. Note is private to the person.
type Entry struct {
	bun.BaseModel `bun:"table:support_entries,alias:s"`

	ID           uuid.UUID     `bun:"id,pk" json:"id"`
	PersonID     uuid.UUID     `bun:"person_id" json:"person_id"`
	Date         database.Date `bun:"date" json:"date"`
	Minutes      int           `bun:"minutes" json:"minutes"`
	Kind         string        `bun:"kind" json:"kind"`
	Note         string        `bun:"note" json:"note"`
	PlanActionID *uuid.UUID    `bun:"plan_action_id" json:"plan_action_id"`
	Version      int           `bun:"version" json:"version"`
	CreatedAt    time.Time     `bun:"created_at" json:"created_at"`
	UpdatedAt    time.Time     `bun:"updated_at" json:"updated_at"`
}

func (e *Entry) ETag() int { return e.Version }

// Input is a new entry.
type Input struct {
	Date         string `json:"date" validate:"required,datetime=2006-01-02"`
	Minutes      int    `json:"minutes" validate:"required,min=1,max=1440"`
	Kind         string `json:"kind" validate:"required,oneof=mentoring intervision case_consultation case_conference methodological_guidance shadowing"`
	Note         string `json:"note" validate:"max=2000"`
	PlanActionID string `json:"plan_action_id" validate:"omitempty,uuid"`
}

// Patch changes some fields of an entry; an empty plan_action_id unlinks the action.
type Patch struct {
	Date         *string `json:"date" validate:"omitempty,datetime=2006-01-02"`
	Minutes      *int    `json:"minutes" validate:"omitempty,min=1,max=1440"`
	Kind         *string `json:"kind" validate:"omitempty,oneof=mentoring intervision case_consultation case_conference methodological_guidance shadowing"`
	Note         *string `json:"note" validate:"omitempty,max=2000"`
	PlanActionID *string `json:"plan_action_id"`
}

// Query filters the list of my entries.
type Query struct {
	From string `query:"from" validate:"omitempty,datetime=2006-01-02"`
	To   string `query:"to" validate:"omitempty,datetime=2006-01-02"`
	Kind string `query:"kind" validate:"omitempty,oneof=mentoring intervision case_consultation case_conference methodological_guidance shadowing"`
}

// SummaryQuery picks whose hours and which calendar year: one person, one team's members, or (neither) the caller.
type SummaryQuery struct {
	PersonID string `query:"person_id" validate:"omitempty,uuid"`
	TeamID   string `query:"team_id" validate:"omitempty,uuid"`
	Year     string `query:"year" validate:"omitempty,numeric,len=4"`
}

// KindTotal is the support of one kind a person had in the year.
type KindTotal struct {
	Kind    string  `json:"kind"`
	Minutes int     `json:"minutes"`
	Hours   float64 `json:"hours"`
}

// PersonTotals is a person's year: every kind, none left out, and the sum.
type PersonTotals struct {
	PersonID     uuid.UUID   `json:"person_id"`
	PersonName   string      `json:"person_name"`
	Kinds        []KindTotal `json:"kinds"`
	TotalMinutes int         `json:"total_minutes"`
	TotalHours   float64     `json:"total_hours"`
}

// Summary is the hours by person and kind in a year, without any note.
type Summary struct {
	Year   int            `json:"year"`
	People []PersonTotals `json:"people"`
}
