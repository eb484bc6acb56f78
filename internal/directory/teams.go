package directory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// TeamInput creates a team of an organisation.
type TeamInput struct {
	OrganizationID string `json:"organization_id" validate:"required,uuid"`
	Name           string `json:"name" validate:"required,max=200"`
}

// TeamPatch renames a team.
type TeamPatch struct {
	Name *string `json:"name" validate:"omitempty,min=1,max=200"`
}

// PeopleInput is the whole list of a team's members or leads.
type PeopleInput struct {
	UserIDs []string `json:"user_ids" validate:"required,max=500,dive,uuid"`
}

// CreateTeam adds a team to an organisation the caller administers.
func (s *Service) CreateTeam(ctx context.Context, p *auth.Principal, in TeamInput) (*Team, error) {
	orgID := uuid.MustParse(in.OrganizationID) // validated as a UUID by the binder
	if !canManageTeams(p, orgID) {
		return nil, httpx.Forbidden("You may add teams only to an organisation you administer.")
	}
	now := database.Now()
	t := &Team{ID: newID(), OrganizationID: orgID, Name: strings.TrimSpace(in.Name), Active: true, Version: 1,
		CreatedAt: now, UpdatedAt: now, Leads: []PersonRef{}, Members: []PersonRef{}}
	if t.Name == "" {
		return nil, blankName()
	}
	t.SearchText = database.Fold(t.Name)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.store.org(ctx, tx, orgID); err != nil {
			return notFoundAs(err, httpx.FieldInvalid("organization_id", "exists", "No organisation has this identifier."))
		}
		if err := s.store.insertTeam(ctx, tx, t); err != nil {
			return teamWriteError(err)
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "create", Entity: "team", EntityID: t.ID, After: t})
	})
	return t, err
}

func teamWriteError(err error) error {
	return uniqueAs(err, "name", "The organisation already has a team of this name.")
}

// Team returns a team the caller may see, with its leads and members.
func (s *Service) Team(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Team, error) {
	t, err := s.store.team(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, errTeamNotFound)
	}
	if !canSeeTeam(p, t) {
		return nil, errTeamNotFound
	}
	return t, s.fillTeams(ctx, s.db, []*Team{t})
}

func (s *Service) fillTeams(ctx context.Context, db bun.IDB, teams []*Team) error {
	ids := make([]uuid.UUID, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
		t.Leads, t.Members = []PersonRef{}, []PersonRef{}
	}
	leads, members, err := s.store.people(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, t := range teams {
		for _, l := range leads {
			if l.TeamID == t.ID {
				t.Leads = append(t.Leads, l)
			}
		}
		for _, m := range members {
			if m.TeamID == t.ID {
				t.Members = append(t.Members, m)
			}
		}
	}
	return nil
}

// TeamQuery filters the team list.
type TeamQuery struct {
	OrganizationID string `query:"organization_id" validate:"omitempty,uuid"`
	Q              string `query:"q" validate:"max=100"`
	Active         *bool  `query:"active"`
}

// Teams lists the teams the caller may see, with leads and members.
func (s *Service) Teams(ctx context.Context, p *auth.Principal, q TeamQuery, pr httpx.PageRequest) (httpx.Page[Team], error) {
	f := teamFilter{Query: q.Q, Active: q.Active, Scope: teamScope(p), Limit: pr.Limit}
	f.OrganizationID, _ = parseID("organization_id", q.OrganizationID)
	if err := decodeCursor(pr, &f.After); err != nil {
		return httpx.Page[Team]{}, err
	}
	if f.Scope.empty() {
		return httpx.NewPage([]Team{}, pr.Limit, nil), nil
	}
	rows, err := s.store.teams(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Team]{}, err
	}
	page := httpx.NewPage(rows, pr.Limit, func(t Team) any { return nameCursor{t.Name, t.ID} })
	ptrs := make([]*Team, len(page.Items))
	for i := range page.Items {
		ptrs[i] = &page.Items[i]
	}
	return page, s.fillTeams(ctx, s.db, ptrs)
}

// UpdateTeam renames a team, based on the version the caller read.
func (s *Service) UpdateTeam(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in TeamPatch) (*Team, error) {
	return s.changeTeam(ctx, p, id, &version, "update", func(_ context.Context, _ bun.Tx, t *Team) error {
		if in.Name != nil {
			t.Name = strings.TrimSpace(*in.Name)
			if t.Name == "" {
				return blankName()
			}
			t.SearchText = database.Fold(t.Name)
		}
		return nil
	})
}

// SetTeamActive deactivates or reactivates a team.
func (s *Service) SetTeamActive(ctx context.Context, p *auth.Principal, id uuid.UUID, active bool) (*Team, error) {
	return s.changeTeam(ctx, p, id, nil, activeAction(active), func(_ context.Context, _ bun.Tx, t *Team) error {
		t.Active = active
		return nil
	})
}

// SetMembers replaces a team's members; all must work in the team's organisation.
func (s *Service) SetMembers(ctx context.Context, p *auth.Principal, id uuid.UUID, in PeopleInput) (*Team, error) {
	return s.changeTeam(ctx, p, id, nil, "set_members", func(ctx context.Context, tx bun.Tx, t *Team) error {
		ids, err := s.teamPeople(ctx, tx, t, in)
		if err != nil {
			return err
		}
		return s.store.replaceMembers(ctx, tx, t.ID, ids)
	})
}

// SetLeads replaces who leads a team; all must work in the team's organisation.
func (s *Service) SetLeads(ctx context.Context, p *auth.Principal, id uuid.UUID, in PeopleInput) (*Team, error) {
	return s.changeTeam(ctx, p, id, nil, "set_leads", func(ctx context.Context, tx bun.Tx, t *Team) error {
		ids, err := s.teamPeople(ctx, tx, t, in)
		if err != nil {
			return err
		}
		return s.store.replaceLeads(ctx, tx, t.ID, ids, database.Now())
	})
}

// teamPeople checks a list of people for a team: known, distinct, of the team's organisation.
func (s *Service) teamPeople(ctx context.Context, db bun.IDB, t *Team, in PeopleInput) ([]uuid.UUID, error) {
	var errs []httpx.FieldError
	ids := make([]uuid.UUID, 0, len(in.UserIDs))
	for i, raw := range in.UserIDs {
		field := fmt.Sprintf("user_ids[%d]", i)
		id := uuid.MustParse(raw) // validated by the binder
		if slices.Contains(ids, id) {
			continue
		}
		u, err := s.store.user(ctx, db, id)
		if err != nil {
			if err := notFoundAs(err, nil); err != nil {
				return nil, err
			}
			errs = append(errs, httpx.FieldError{Field: field, Code: "exists", Message: "No person has this identifier."})
			continue
		}
		if u.OrganizationID == nil || *u.OrganizationID != t.OrganizationID {
			errs = append(errs, httpx.FieldError{Field: field, Code: "organization", Message: "This person works in another organisation than the team."})
			continue
		}
		ids = append(ids, id)
	}
	if len(errs) > 0 {
		return nil, httpx.Invalid(errs...)
	}
	return ids, nil
}

// changeTeam is the frame of every change to a team: load, authorise, check the version, change, store, audit.
func (s *Service) changeTeam(ctx context.Context, p *auth.Principal, id uuid.UUID, version *int, action string,
	change func(ctx context.Context, tx bun.Tx, t *Team) error) (*Team, error) {
	var t *Team
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if t, err = s.store.team(ctx, tx, id); err != nil {
			return notFoundAs(err, errTeamNotFound)
		}
		if !canSeeTeam(p, t) {
			return errTeamNotFound
		}
		if !canManageTeams(p, t.OrganizationID) {
			return httpx.Forbidden("You do not administer this team's organisation.")
		}
		if version != nil && t.Version != *version {
			return httpx.StaleVersion()
		}
		if err := s.fillTeams(ctx, tx, []*Team{t}); err != nil {
			return err
		}
		before := *t
		if err := change(ctx, tx, t); err != nil {
			return err
		}
		t.UpdatedAt = database.Now()
		if err := s.store.updateTeam(ctx, tx, t, before.Version); err != nil {
			return versionError(teamWriteError(err))
		}
		t.Version++
		if err := s.fillTeams(ctx, tx, []*Team{t}); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: action, Entity: "team", EntityID: t.ID, Before: before, After: t})
	})
	return t, err
}

// TeamsOf lists the teams a person is a member of; other domains ask it to decide who leads whom.
func (s *Service) TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error) {
	ms, err := s.store.teamsOf(ctx, s.db, []uuid.UUID{personID})
	out := make([]uuid.UUID, len(ms))
	for i, m := range ms {
		out[i] = m.TeamID
	}
	return out, err
}

// MembersOf lists the members of some teams.
func (s *Service) MembersOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error) {
	_, members, err := s.store.people(ctx, s.db, teamIDs)
	return distinctIDs(members), err
}

// LeadsOf lists the leads of some teams: who hears that a member's plan waits for approval.
func (s *Service) LeadsOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error) {
	leads, _, err := s.store.people(ctx, s.db, teamIDs)
	return distinctIDs(leads), err
}

// distinctIDs lists the people once each, though they are in several of the teams asked about.
func distinctIDs(people []PersonRef) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(people))
	for _, m := range people {
		if !slices.Contains(out, m.ID) {
			out = append(out, m.ID)
		}
	}
	return out
}
