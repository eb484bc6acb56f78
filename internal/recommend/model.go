// Package recommend proposes training for a person's competency gaps: the upcoming sessions of published courses
// that develop the competencies where the agreed level is below the expected one, ranked by how much of the gap
// they cover; accepting one adds it to the person's plan and registers them, together (PRODUCT.md
// "Recommendations").
package recommend

import (
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/plan"
	"github.com/rozvoj/rozvoj/internal/training"
)

// Limit is how many recommendations a list shows: enough to choose from, few enough to read.
const Limit = 20

// Recommendations is GET /people/{id}/recommendations.
type Recommendations struct {
	PersonID    uuid.UUID     `json:"person_id"`
	WindowStart database.Date `json:"window_start"`
	WindowEnd   database.Date `json:"window_end"`
	Plan        *PlanRef      `json:"plan"`
	// AcceptBlocker is why the caller cannot accept now (plan.NoPlan, PlanProposed, PlanReturned); nil when they can.
	AcceptBlocker *string          `json:"accept_blocker"`
	Items         []Recommendation `json:"items"`
}

// PlanRef is the current plan as far as the list needs it: which one, its state and version, its period.
type PlanRef struct {
	ID          uuid.UUID     `json:"id"`
	State       string        `json:"state"`
	Version     int           `json:"version"`
	PeriodStart database.Date `json:"period_start"`
	PeriodEnd   database.Date `json:"period_end"`
}

// Recommendation is one session, with the competencies of the gap it covers and why it is proposed.
type Recommendation struct {
	SessionID            uuid.UUID  `json:"session_id"`
	CourseID             uuid.UUID  `json:"course_id"`
	CourseTitle          string     `json:"course_title"`
	Form                 string     `json:"form"`
	Hours                int        `json:"hours"`
	ProviderID           uuid.UUID  `json:"provider_id"`
	ProviderName         string     `json:"provider_name"`
	AccreditationNumber  *string    `json:"accreditation_number"`
	StartsAt             time.Time  `json:"starts_at"`
	EndsAt               time.Time  `json:"ends_at"`
	Place                string     `json:"place"`
	OnlineURL            string     `json:"online_url"`
	RegistrationDeadline time.Time  `json:"registration_deadline"`
	Price                int        `json:"price"`
	SeatsFree            int        `json:"seats_free"`
	Score                int        `json:"score"`
	GoalID               *uuid.UUID `json:"goal_id"`
	Covers               []Covered  `json:"covers"`
	Why                  string     `json:"why"`
}

// Covered is a competency with a positive gap that the course develops, and how much of the gap it covers:
// min(target, expected) − agreed.
type Covered struct {
	CompetencyID  uuid.UUID `json:"competency_id"`
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	ExpectedLevel int       `json:"expected_level"`
	AgreedLevel   int       `json:"agreed_level"`
	Gap           int       `json:"gap"`
	TargetLevel   int       `json:"target_level"`
	Covered       int       `json:"covered"`
}

// AcceptInput names the recommended session to book.
type AcceptInput struct {
	SessionID string `json:"session_id" validate:"required,uuid"`
}

// Accepted is what accepting made: the plan with its new action, the action, and the registration.
type Accepted struct {
	Plan         *plan.Plan             `json:"plan"`
	Action       *plan.Action           `json:"action"`
	Registration *training.Registration `json:"registration"`
}
