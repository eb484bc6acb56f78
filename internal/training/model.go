// Package training keeps the course catalogue (vzdělávání): providers' courses (kurz) and their sessions
// (termín), and the registrations (přihláška) of workers, with a waitlist that moves up when someone cancels.
package training

import (
	"regexp"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// Forms of a course: kurz, konference, stáž, specializační vzdělávání, e-learning, školicí akce.
var Forms = []string{"course", "conference", "internship", "specialisation", "e_learning", "training_event"}

// States of a session. A planned session is announced but takes no registrations yet; open takes them; full is
// open with every seat confirmed (new registrations join the waitlist); cancelled and held take none.
const (
	Planned   = "planned"
	Open      = "open"
	Full      = "full"
	Cancelled = "cancelled"
	Held      = "held"
)

// States of a registration; before them, Pending waits for a lead's approval (where the employer asks for it)
// and holds no seat.
const (
	Confirmed  = "confirmed"
	Waitlisted = "waitlisted"
	Withdrawn  = "cancelled"
)

// accreditationShape is the shape of an MPSV accreditation number: the older "2010/743-SP" (year, a number of up
// to four digits, the field code) and the newer "A2024/0123-SP/PC/PP" (A, year, a four-digit number, one to four
// field codes: SP sociální pracovníci, PC pracovníci v sociálních službách, PP pěstouni, VP vedoucí pracovníci).
var accreditationShape = regexp.MustCompile(`^(?:(?:19|20)\d{2}/\d{1,4}|A(?:19|20)\d{2}/\d{4})-(?:SP|PC|PP|VP)(?:/(?:SP|PC|PP|VP)){0,3}$`)

// Course is a provider's course in the catalogue.
type Course struct {
	bun.BaseModel `bun:"table:courses,alias:c"`

	ID                  uuid.UUID      `bun:"id,pk" json:"id"`
	ProviderID          uuid.UUID      `bun:"provider_id" json:"provider_id"`
	Title               string         `bun:"title" json:"title"`
	Description         string         `bun:"description" json:"description"`
	Form                string         `bun:"form" json:"form"`
	Hours               int            `bun:"hours" json:"hours"`
	AccreditationNumber *string        `bun:"accreditation_number" json:"accreditation_number"`
	AccreditedFrom      *database.Date `bun:"accredited_from" json:"accredited_from"`
	AccreditedUntil     *database.Date `bun:"accredited_until" json:"accredited_until"`
	Published           bool           `bun:"published" json:"published"`
	SearchText          string         `bun:"search_text" json:"-"`
	Version             int            `bun:"version" json:"version"`
	CreatedAt           time.Time      `bun:"created_at" json:"created_at"`
	UpdatedAt           time.Time      `bun:"updated_at" json:"updated_at"`

	ProviderName string `bun:"provider_name,scanonly" json:"provider_name"`

	Competencies    []CourseCompetency `bun:"-" json:"competencies"`
	TargetPositions []string           `bun:"-" json:"target_positions"`
}

// CourseCompetency is a competency the course develops, up to a level.
type CourseCompetency struct {
	bun.BaseModel `bun:"table:course_competencies,alias:cc"`

	CourseID     uuid.UUID `bun:"course_id,pk" json:"-"`
	CompetencyID uuid.UUID `bun:"competency_id,pk" json:"competency_id"`
	TargetLevel  int       `bun:"target_level" json:"target_level"`
}

// coursePosition is a position the course is meant for, by the position's code.
type coursePosition struct {
	bun.BaseModel `bun:"table:course_positions,alias:cp"`

	CourseID     uuid.UUID `bun:"course_id,pk"`
	PositionCode string    `bun:"position_code,pk"`
}

// Session is one run of a course: when, where, how many seats, until when one may register, and for how much.
type Session struct {
	bun.BaseModel `bun:"table:training_sessions,alias:s"`

	ID                   uuid.UUID  `bun:"id,pk" json:"id"`
	CourseID             uuid.UUID  `bun:"course_id" json:"course_id"`
	StartsAt             time.Time  `bun:"starts_at" json:"starts_at"`
	EndsAt               time.Time  `bun:"ends_at" json:"ends_at"`
	Place                string     `bun:"place" json:"place"`
	PlaceSearch          string     `bun:"place_search" json:"-"`
	OnlineURL            string     `bun:"online_url" json:"online_url"`
	Capacity             int        `bun:"capacity" json:"capacity"`
	RegistrationDeadline time.Time  `bun:"registration_deadline" json:"registration_deadline"`
	Price                int        `bun:"price" json:"price"`
	Status               string     `bun:"status" json:"status"`
	ClosedAt             *time.Time `bun:"closed_at" json:"closed_at"` // attendance is final; a change is an amendment
	Version              int        `bun:"version" json:"version"`
	CreatedAt            time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt            time.Time  `bun:"updated_at" json:"updated_at"`

	// Computed by the query that reads the session, never written.
	CourseTitle string    `bun:"course_title,scanonly" json:"course_title"`
	ProviderID  uuid.UUID `bun:"provider_id,scanonly" json:"provider_id"`
	Published   bool      `bun:"published,scanonly" json:"-"`
	Confirmed   int       `bun:"confirmed,scanonly" json:"confirmed"`
	Waitlisted  int       `bun:"waitlisted,scanonly" json:"waitlisted"`
	SeatsFree   int       `bun:"-" json:"seats_free"`
}

// Registration is a person's place at a session: confirmed, waitlisted (at a position) or cancelled.
type Registration struct {
	bun.BaseModel `bun:"table:registrations,alias:r"`

	ID           uuid.UUID  `bun:"id,pk" json:"id"`
	SessionID    uuid.UUID  `bun:"session_id" json:"session_id"`
	PersonID     uuid.UUID  `bun:"person_id" json:"person_id"`
	Status       string     `bun:"status" json:"status"`
	WaitlistSeq  *int       `bun:"waitlist_seq" json:"-"`
	NominatedBy  *uuid.UUID `bun:"nominated_by" json:"nominated_by"`
	CreatedAt    time.Time  `bun:"created_at" json:"created_at"`
	CancelledAt  *time.Time `bun:"cancelled_at" json:"cancelled_at"`
	CancelledBy  *uuid.UUID `bun:"cancelled_by" json:"cancelled_by"`
	CancelReason *string    `bun:"cancel_reason" json:"cancel_reason"` // why a lead rejected it

	// Computed by the query that reads the registration, never written.
	Position    *int      `bun:"position,scanonly" json:"position"`
	PersonName  string    `bun:"person_name,scanonly" json:"person_name"`
	PersonEmail string    `bun:"person_email,scanonly" json:"person_email"`
	CourseID    uuid.UUID `bun:"course_id,scanonly" json:"course_id"`
	CourseTitle string    `bun:"course_title,scanonly" json:"course_title"`
	StartsAt    time.Time `bun:"starts_at,scanonly" json:"starts_at"`
	ProviderID  uuid.UUID `bun:"provider_id,scanonly" json:"-"`
}
