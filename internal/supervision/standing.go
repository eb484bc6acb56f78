package supervision

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Policy is an organisation's supervision policy (PRODUCT.md "Requirements and hours" 4): team supervision at
// most TeamIntervalWeeks apart, IndividualHours of individual supervision per worker a year; nil = no such rule.
// Supervision hours never count toward the statutory training hours.
type Policy struct {
	bun.BaseModel `bun:"table:supervision_policies"`

	OrganizationID    uuid.UUID `bun:"organization_id,pk" json:"organization_id"`
	TeamIntervalWeeks *int      `bun:"team_interval_weeks" json:"team_interval_weeks"`
	IndividualHours   *float64  `bun:"individual_hours" json:"individual_hours"`
	Version           int       `bun:"version" json:"version"`
	UpdatedBy         uuid.UUID `bun:"updated_by" json:"updated_by"`
	UpdatedAt         time.Time `bun:"updated_at" json:"updated_at"`
}

// ETag is the policy's version: 1 for the empty policy of an organisation that has never set one.
func (p *Policy) ETag() int { return p.Version }

// PolicyInput sets a policy; null removes a rule.
type PolicyInput struct {
	TeamIntervalWeeks *int     `json:"team_interval_weeks" validate:"omitempty,min=1,max=52"`
	IndividualHours   *float64 `json:"individual_hours" validate:"omitempty,gt=0,max=200"`
}

var errPolicyNotFound = httpx.NotFound("No organisation with this identifier is visible to you.")

// mayReadPolicy: the organisation's admins, and the leads of its teams (who plan by it).
func (s *Service) mayReadPolicy(ctx context.Context, p *auth.Principal, orgID uuid.UUID) error {
	if p.AdminOf(orgID) {
		return nil
	}
	if led := p.LedTeams(); len(led) > 0 {
		ok, err := s.db.NewSelect().Table("teams").Where("id IN (?) AND organization_id = ?", bun.In(led), orgID).Exists(ctx)
		if err != nil || ok {
			return err
		}
	}
	return errPolicyNotFound
}

func (s *Service) policy(ctx context.Context, db bun.IDB, orgID uuid.UUID) (*Policy, error) {
	pol := &Policy{OrganizationID: orgID}
	err := db.NewSelect().Model(pol).WherePK().Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return &Policy{OrganizationID: orgID, Version: 1}, nil
	}
	return pol, err
}

// Policy reads an organisation's policy; one never set has no rules and version 1.
func (s *Service) Policy(ctx context.Context, p *auth.Principal, orgID uuid.UUID) (*Policy, error) {
	if err := s.mayReadPolicy(ctx, p, orgID); err != nil {
		return nil, err
	}
	return s.policy(ctx, s.db, orgID)
}

// SetPolicy keeps an organisation's policy (its admin), at the version read.
func (s *Service) SetPolicy(ctx context.Context, p *auth.Principal, orgID uuid.UUID, version int, in PolicyInput) (*Policy, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	if err := s.mayReadPolicy(ctx, p, orgID); err != nil {
		return nil, err
	}
	if !p.AdminOf(orgID) {
		return nil, httpx.Forbidden("Only the organisation's admins set its supervision policy.")
	}
	var out *Policy
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.policy(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if before.Version != version {
			return httpx.StaleVersion()
		}
		out = &Policy{OrganizationID: orgID, TeamIntervalWeeks: in.TeamIntervalWeeks, IndividualHours: in.IndividualHours,
			Version: version + 1, UpdatedBy: p.UserID, UpdatedAt: database.Now()}
		if before.UpdatedBy == uuid.Nil { // never kept
			_, err = tx.NewInsert().Model(out).Exec(ctx)
		} else {
			_, err = tx.NewUpdate().Model(out).WherePK().Where("version = ?", version).Exec(ctx)
		}
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "policy", Entity: "organization", EntityID: orgID, Before: before, After: out})
	})
	return out, err
}

// TeamStanding is how a team stands against its organisation's policy in a year, with each member's hours.
type TeamStanding struct {
	TeamID   uuid.UUID `json:"team_id"`
	TeamName string    `json:"team_name"`
	Year     int       `json:"year"`
	Policy   *Policy   `json:"policy"`
	// Team supervision: the last held, the next planned, the longest stretch in the year (to today) without one,
	// and whether that stays within the policy's interval (null without such a rule).
	LastHeld     *time.Time `json:"last_held"`
	NextPlanned  *time.Time `json:"next_planned"`
	LongestGap   int        `json:"longest_gap_days"`
	WithinPolicy *bool      `json:"within_policy"`
	People       []Standing `json:"people"`
}

// Standing is a team member's supervision in the year: attended hours by kind, and whether their individual
// hours reach the policy (null without such a rule).
type Standing struct {
	PersonID     uuid.UUID          `json:"person_id"`
	PersonName   string             `json:"person_name"`
	Hours        map[string]float64 `json:"hours"`
	WithinPolicy *bool              `json:"within_policy"`
}

// StandingQuery picks the calendar year.
type StandingQuery struct {
	Year string `query:"year" validate:"omitempty,numeric,len=4"`
}

// TeamStanding answers a team's leads and its organisation's admins.
func (s *Service) TeamStanding(ctx context.Context, p *auth.Principal, teamID uuid.UUID, q StandingQuery) (*TeamStanding, error) {
	team, err := s.directory.Team(ctx, p, teamID)
	if err != nil {
		return nil, err
	}
	if !p.LeadsTeam(teamID) && !p.AdminOf(team.OrganizationID) {
		return nil, httpx.Forbidden("Only the team's leads and its organisation's admins see its supervision.")
	}
	now := database.Now().In(prague)
	year := now.Year()
	if q.Year != "" {
		year, _ = strconv.Atoi(q.Year) // four digits, validated
		if year < 2000 || year > now.Year()+1 {
			return nil, httpx.FieldInvalid("year", "range", "The year is between 2000 and next year.")
		}
	}
	pol, err := s.policy(ctx, s.db, team.OrganizationID)
	if err != nil {
		return nil, err
	}
	jan1 := time.Date(year, 1, 1, 0, 0, 0, 0, prague)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, prague)
	if now.Before(end) {
		end = now
	}
	out := &TeamStanding{TeamID: team.ID, TeamName: team.Name, Year: year, People: []Standing{}}
	if pol.TeamIntervalWeeks != nil || pol.IndividualHours != nil {
		out.Policy = pol
	}
	// Held team sessions up to the end, with the last one before the year as the start of its first stretch.
	var held []time.Time
	err = s.db.NewSelect().Table("supervision_sessions").Column("starts_at").
		Where("team_id = ? AND kind = 'team' AND status = ? AND starts_at < ?", teamID, Held, end.UTC()).
		OrderExpr("starts_at").Scan(ctx, &held)
	if err != nil {
		return nil, err
	}
	out.LongestGap, out.LastHeld = LongestGap(held, jan1, end)
	if pol.TeamIntervalWeeks != nil && !end.Before(jan1) {
		ok := out.LongestGap <= *pol.TeamIntervalWeeks*7
		out.WithinPolicy = &ok
	}
	var next []time.Time
	if err := s.db.NewSelect().Table("supervision_sessions").Column("starts_at").
		Where("team_id = ? AND kind = 'team' AND status = ? AND starts_at >= ?", teamID, Planned, now.UTC()).
		OrderExpr("starts_at").Limit(1).Scan(ctx, &next); err != nil {
		return nil, err
	}
	if len(next) == 1 {
		out.NextPlanned = &next[0]
	}
	// Each member's attended hours by kind in the year, in one query.
	var rows []struct {
		PersonID uuid.UUID `bun:"person_id"`
		Kind     string    `bun:"kind"`
		StartsAt time.Time `bun:"starts_at"`
		EndsAt   time.Time `bun:"ends_at"`
	}
	ids := make([]uuid.UUID, len(team.Members))
	for i, m := range team.Members {
		ids[i] = m.ID
	}
	if len(ids) > 0 {
		err = s.db.NewSelect().TableExpr("supervision_participants AS sp").
			ColumnExpr("sp.person_id, ss.kind, ss.starts_at, ss.ends_at").
			Join("JOIN supervision_sessions AS ss ON ss.id = sp.session_id").
			Where("sp.person_id IN (?) AND sp.attended AND ss.status = ?", bun.In(ids), Held).
			Where("ss.starts_at >= ? AND ss.starts_at < ?", jan1.UTC(), time.Date(year+1, 1, 1, 0, 0, 0, 0, prague).UTC()).
			Scan(ctx, &rows)
		if err != nil {
			return nil, err
		}
	}
	for _, m := range team.Members {
		st := Standing{PersonID: m.ID, PersonName: m.Name, Hours: map[string]float64{}}
		for _, k := range Kinds {
			st.Hours[k] = 0
		}
		for _, r := range rows {
			if r.PersonID == m.ID {
				st.Hours[r.Kind] += r.EndsAt.Sub(r.StartsAt).Hours()
			}
		}
		for k, h := range st.Hours {
			st.Hours[k] = math.Round(h*100) / 100
		}
		if pol.IndividualHours != nil {
			ok := st.Hours["individual"] >= *pol.IndividualHours
			st.WithinPolicy = &ok
		}
		out.People = append(out.People, st)
	}
	slices.SortFunc(out.People, func(a, b Standing) int { return strings.Compare(a.PersonName, b.PersonName) })
	return out, nil
}

// LongestGap is the longest stretch in calendar days (Prague) within [from, end] without a held team session,
// given the held sessions' starts in order up to end; the last one before from starts the first stretch. Also the
// last session within the stretch, nil when none. The team standing and the indicators (supervision coverage)
// judge a team by it.
func LongestGap(held []time.Time, from, end time.Time) (longest int, last *time.Time) {
	start := from
	for _, h := range held {
		if h.Before(from) {
			start = h
			continue
		}
		longest = max(longest, days(start, h))
		start = h
		last = &h
	}
	return max(longest, days(start, end)), last
}

// days counts the calendar days from one instant to another, in Prague.
func days(from, to time.Time) int {
	f, t := from.In(prague), to.In(prague)
	a := time.Date(f.Year(), f.Month(), f.Day(), 12, 0, 0, 0, time.UTC)
	b := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
