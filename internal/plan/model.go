// Package plan keeps individual development plans (individuální plán vzdělávání, IPV; SPOD standard 6b): for one
// person and one period, the competencies they mean to develop (goals) and what they will do about it (actions),
// proposed by the person, approved by their lead, and closed with an evaluation.
package plan

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// States of a plan. A draft is the person's alone; proposed goes to the lead, who approves it or returns it with
// a comment; the person edits a returned plan and proposes it again; an approved plan is carried out and closed
// with an evaluation, after which it never changes.
const (
	Draft    = "draft"
	Proposed = "proposed"
	Approved = "approved"
	Returned = "returned"
	Closed   = "closed"
)

// Kinds of action: course (kurz), supervision (supervize), mentoring, shadowing (stáž), self_study (samostudium),
// other.
var Kinds = []string{"course", "supervision", "mentoring", "shadowing", "self_study", "other"}

// Plan is one person's development plan for a period.
type Plan struct {
	bun.BaseModel `bun:"table:plans,alias:p"`

	ID          uuid.UUID     `bun:"id,pk" json:"id"`
	PersonID    uuid.UUID     `bun:"person_id" json:"person_id"`
	PeriodStart database.Date `bun:"period_start" json:"period_start"`
	PeriodEnd   database.Date `bun:"period_end" json:"period_end"`
	State       string        `bun:"state" json:"state"`
	Version     int           `bun:"version" json:"version"`
	Note        string        `bun:"note" json:"note"`
	LeadComment string        `bun:"lead_comment" json:"lead_comment"`
	ApprovedBy  *uuid.UUID    `bun:"approved_by" json:"approved_by"`
	ApprovedAt  *time.Time    `bun:"approved_at" json:"approved_at"`
	Evaluation  string        `bun:"evaluation" json:"evaluation"`
	ClosedAt    *time.Time    `bun:"closed_at" json:"closed_at"`
	CreatedAt   time.Time     `bun:"created_at" json:"created_at"`
	UpdatedAt   time.Time     `bun:"updated_at" json:"updated_at"`

	// Computed by the query that reads the plan, never written.
	PersonName     string `bun:"person_name,scanonly" json:"person_name"`
	OverdueActions int    `bun:"overdue_actions,scanonly" json:"overdue_actions"`

	Goals   []Goal   `bun:"-" json:"goals"`
	Actions []Action `bun:"-" json:"actions"`
}

// Goal is a competency the person develops in this plan, up to a target level.
type Goal struct {
	bun.BaseModel `bun:"table:plan_goals,alias:g"`

	ID           uuid.UUID `bun:"id,pk" json:"id"`
	PlanID       uuid.UUID `bun:"plan_id" json:"-"`
	CompetencyID uuid.UUID `bun:"competency_id" json:"competency_id"`
	TargetLevel  int       `bun:"target_level" json:"target_level"`
	Reason       string    `bun:"reason" json:"reason"`
}

// Action is one step of the plan, due within its period, optionally serving one of its goals.
type Action struct {
	bun.BaseModel `bun:"table:plan_actions,alias:x"`

	ID       uuid.UUID     `bun:"id,pk" json:"id"`
	PlanID   uuid.UUID     `bun:"plan_id" json:"-"`
	GoalID   *uuid.UUID    `bun:"goal_id" json:"goal_id"`
	Kind     string        `bun:"kind" json:"kind"`
	Title    string        `bun:"title" json:"title"`
	DueOn    database.Date `bun:"due_on" json:"due_on"`
	DoneAt   *time.Time    `bun:"done_at" json:"done_at"`
	DoneBy   *uuid.UUID    `bun:"done_by" json:"done_by"`
	Evidence string        `bun:"evidence" json:"evidence"`

	// TrainingSessionID is the training session the action books, set when a recommendation is accepted.
	TrainingSessionID *uuid.UUID `bun:"training_session_id" json:"training_session_id"`

	// Overdue: the plan is approved, the action not done and its day has passed; computed by the query.
	Overdue bool `bun:"overdue,scanonly" json:"overdue"`
}

// editable: goals, actions and the period change only while the plan is the person's to edit.
func (p *Plan) editable() bool { return p.State == Draft || p.State == Returned }
