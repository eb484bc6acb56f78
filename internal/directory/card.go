package directory

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// Card is how a person appears on paper (the personnel file's documents): name, position, employer, the teams
// they belong to and the leads of those teams. It answers no authorization question: the caller has already
// decided that its user may see the document.
type Card struct {
	Name         string
	Position     string
	Organization string
	Teams        []string
	Leads        map[uuid.UUID]string // the leads of the person's teams, by id
}

// Card finds a person's card.
func (s *Service) Card(ctx context.Context, personID uuid.UUID) (*Card, error) {
	c := &Card{Leads: map[uuid.UUID]string{}}
	err := s.db.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.name, COALESCE(p.name_cs, '') AS position, COALESCE(o.name, '') AS organization").
		Join("LEFT JOIN positions AS p ON p.id = u.position_id").
		Join("LEFT JOIN organizations AS o ON o.id = u.organization_id").
		Where("u.id = ?", personID).Scan(ctx, &c.Name, &c.Position, &c.Organization)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errUserNotFound
	} else if err != nil {
		return nil, err
	}
	var teams []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	err = s.db.NewSelect().TableExpr("teams AS t").ColumnExpr("t.id, t.name").
		Join("JOIN team_members AS m ON m.team_id = t.id").
		Where("m.user_id = ?", personID).OrderExpr("t.name").Scan(ctx, &teams)
	if err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
		c.Teams = append(c.Teams, t.Name)
	}
	leads, _, err := s.store.people(ctx, s.db, ids)
	for _, l := range leads {
		c.Leads[l.ID] = l.Name
	}
	return c, err
}

// Holds says whether an active person holds a role in any scope: whether someone a lead names as a supervisor is
// one. It answers no authorization question.
func (s *Service) Holds(ctx context.Context, personID uuid.UUID, role auth.Role) (bool, error) {
	return s.db.NewSelect().TableExpr("role_assignments AS ra").Join("JOIN users AS u ON u.id = ra.user_id").
		Where("ra.user_id = ? AND ra.role = ? AND u.active", personID, role).Exists(ctx)
}

// Named is a person by their name.
type Named struct {
	ID   uuid.UUID `bun:"id" json:"id"`
	Name string    `bun:"name" json:"name"`
}

// Holders lists the active people who hold a role, by name: the supervisors a lead chooses from.
func (s *Service) Holders(ctx context.Context, role auth.Role) ([]Named, error) {
	out := []Named{}
	err := s.db.NewSelect().TableExpr("users AS u").ColumnExpr("DISTINCT u.id, u.name").
		Join("JOIN role_assignments AS ra ON ra.user_id = u.id").
		Where("ra.role = ? AND u.active", role).OrderExpr("u.name, u.id").Scan(ctx, &out)
	return out, err
}
