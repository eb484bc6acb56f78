package directory

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Service holds the directory's rules. It works on any bun.IDB, so a caller may run it inside its transaction.
type Service struct {
	db    bun.IDB
	store store
}

// NewService makes the directory service.
func NewService(db bun.IDB) *Service { return &Service{db: db} }

var (
	errOrgNotFound  = httpx.NotFound("No organisation has this identifier.")
	errTeamNotFound = httpx.NotFound("No team has this identifier.")
	errUserNotFound = httpx.NotFound("No person has this identifier.")
)

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// parseID reads an optional identifier field; a malformed one is a 422 on that field.
func parseID(field, s string) (*uuid.UUID, error) {
	if s == "" {
		return nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return nil, httpx.FieldInvalid(field, "uuid", "Expected an identifier (UUID).")
	}
	return &id, nil
}

// --- organisations

// OrganizationInput creates an organisation; in a PATCH every field is optional.
type OrganizationInput struct {
	Kind       *string `json:"kind" validate:"required,oneof=ministry region municipality provider ngo"`
	Name       *string `json:"name" validate:"required,min=1,max=200"`
	ICO        *string `json:"ico" validate:"required,ico"`
	ParentID   *string `json:"parent_id" validate:"omitempty,uuid"`
	RegionCode *string `json:"region_code" validate:"omitempty,region"`
}

// OrganizationPatch changes some fields of an organisation; "" clears parent_id or region_code.
type OrganizationPatch struct {
	Kind       *string `json:"kind" validate:"omitempty,oneof=ministry region municipality provider ngo"`
	Name       *string `json:"name" validate:"omitempty,min=1,max=200"`
	ICO        *string `json:"ico" validate:"omitempty,ico"`
	ParentID   *string `json:"parent_id" validate:"omitempty,len=0|uuid"`
	RegionCode *string `json:"region_code" validate:"omitempty,len=0|region"`
}

// CreateOrganization adds an organisation.
func (s *Service) CreateOrganization(ctx context.Context, p *auth.Principal, in OrganizationInput) (*Organization, error) {
	if !canCreateOrg(p) {
		return nil, httpx.Forbidden("Only the operator adds organisations.")
	}
	now := database.Now()
	o := &Organization{ID: newID(), Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.applyOrg(ctx, tx, o, OrganizationPatch(in)); err != nil {
			return err
		}
		if err := s.store.insertOrg(ctx, tx, o); err != nil {
			return orgWriteError(err)
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "create", Entity: "organization", EntityID: o.ID, After: o})
	})
	return o, err
}

// applyOrg copies the given fields onto o and checks the rules that span fields and rows.
func (s *Service) applyOrg(ctx context.Context, db bun.IDB, o *Organization, in OrganizationPatch) error {
	if in.Kind != nil {
		o.Kind = *in.Kind
	}
	if in.Name != nil {
		o.Name = strings.TrimSpace(*in.Name)
		if o.Name == "" {
			return blankName() // only spaces pass the validator's length check
		}
		o.SearchText = database.Fold(o.Name)
	}
	if in.ICO != nil {
		o.ICO = *in.ICO
	}
	if in.RegionCode != nil {
		o.RegionCode = nil
		if *in.RegionCode != "" {
			o.RegionCode = in.RegionCode
		}
	}
	if in.ParentID != nil {
		parentID, err := parseID("parent_id", *in.ParentID)
		if err != nil {
			return err
		}
		o.ParentID = parentID
	}
	if o.ParentID != nil {
		if *o.ParentID == o.ID {
			return httpx.FieldInvalid("parent_id", "parent", "An organisation cannot be its own parent.")
		}
		parent, err := s.store.org(ctx, db, *o.ParentID)
		if errors.Is(err, errNotFound) {
			return httpx.FieldInvalid("parent_id", "exists", "No organisation has this identifier.")
		} else if err != nil {
			return err
		}
		if o.RegionCode == nil {
			o.RegionCode = parent.RegionCode // a municipality lies in its region's kraj
		}
	}
	if (o.Kind == KindRegion || o.Kind == KindMunicipality) && o.RegionCode == nil {
		return httpx.FieldInvalid("region_code", "required", "A regional or municipal office needs its region.")
	}
	return nil
}

// blankName refuses a name of only spaces: it passes the validator's length check but would be stored empty.
func blankName() error { return httpx.FieldInvalid("name", "required", "This field is required.") }

func orgWriteError(err error) error {
	return uniqueAs(err, "ico", "Another organisation already has this IČO.")
}

// uniqueAs names the field behind a unique-constraint failure; other errors pass through.
func uniqueAs(err error, field, message string) error {
	if database.IsUniqueViolation(err) {
		return httpx.FieldConflict(field, message)
	}
	return err
}

// Organization returns one organisation; names and IČO are public, so anyone signed in may read them.
func (s *Service) Organization(ctx context.Context, _ *auth.Principal, id uuid.UUID) (*Organization, error) {
	o, err := s.store.org(ctx, s.db, id)
	if errors.Is(err, errNotFound) {
		return nil, errOrgNotFound
	}
	return o, err
}

// OrganizationQuery filters the organisation list.
type OrganizationQuery struct {
	Kind       string `query:"kind" validate:"omitempty,oneof=ministry region municipality provider ngo"`
	RegionCode string `query:"region_code" validate:"omitempty,region"`
	ParentID   string `query:"parent_id" validate:"omitempty,uuid"`
	Q          string `query:"q" validate:"max=100"`
	Active     *bool  `query:"active"`
}

// Organizations lists organisations by name.
func (s *Service) Organizations(ctx context.Context, _ *auth.Principal, q OrganizationQuery, pr httpx.PageRequest) (httpx.Page[Organization], error) {
	f := orgFilter{Kind: q.Kind, RegionCode: q.RegionCode, Query: q.Q, Active: q.Active, Limit: pr.Limit}
	f.ParentID, _ = parseID("parent_id", q.ParentID)
	if err := decodeCursor(pr, &f.After); err != nil {
		return httpx.Page[Organization]{}, err
	}
	rows, err := s.store.orgs(ctx, s.db, f)
	return httpx.NewPage(rows, pr.Limit, func(o Organization) any { return nameCursor{o.Name, o.ID} }), err
}

func decodeCursor(pr httpx.PageRequest, dst **nameCursor) error {
	if pr.Cursor == nil {
		return nil
	}
	c := new(nameCursor)
	if err := pr.DecodeCursor(c); err != nil {
		return err
	}
	*dst = c
	return nil
}

// UpdateOrganization changes an organisation the caller administers, based on the version they read.
func (s *Service) UpdateOrganization(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in OrganizationPatch) (*Organization, error) {
	var o *Organization
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if o, err = s.store.org(ctx, tx, id); err != nil {
			return notFoundAs(err, errOrgNotFound)
		}
		if !canEditOrg(p, id) {
			return httpx.Forbidden("You do not administer this organisation.")
		}
		if o.Version != version {
			return httpx.StaleVersion()
		}
		before := *o
		if err := s.applyOrg(ctx, tx, o, in); err != nil {
			return err
		}
		if err := s.noParentCycle(ctx, tx, o); err != nil {
			return err
		}
		o.UpdatedAt = database.Now()
		if err := s.store.updateOrg(ctx, tx, o, version); err != nil {
			return versionError(orgWriteError(err))
		}
		o.Version++
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "update", Entity: "organization", EntityID: id, Before: before, After: o})
	})
	return o, err
}

// noParentCycle refuses a parent that is the organisation's own descendant.
func (s *Service) noParentCycle(ctx context.Context, db bun.IDB, o *Organization) error {
	for seen, next := 0, o.ParentID; next != nil && seen < 32; seen++ {
		if *next == o.ID {
			return httpx.FieldInvalid("parent_id", "parent", "The parent would become its own descendant.")
		}
		parent, err := s.store.org(ctx, db, *next)
		if err != nil {
			return notFoundAs(err, httpx.FieldInvalid("parent_id", "exists", "No organisation has this identifier."))
		}
		next = parent.ParentID
	}
	return nil
}

// SetOrganizationActive deactivates or reactivates an organisation.
func (s *Service) SetOrganizationActive(ctx context.Context, p *auth.Principal, id uuid.UUID, active bool) (*Organization, error) {
	var o *Organization
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if o, err = s.store.org(ctx, tx, id); err != nil {
			return notFoundAs(err, errOrgNotFound)
		}
		if !canSetOrgActive(p) {
			return httpx.Forbidden("Only the operator deactivates organisations.")
		}
		before := *o
		o.Active, o.UpdatedAt = active, database.Now()
		if err := s.store.updateOrg(ctx, tx, o, o.Version); err != nil {
			return versionError(err)
		}
		o.Version++
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: activeAction(active), Entity: "organization", EntityID: id, Before: before, After: o})
	})
	return o, err
}

func activeAction(active bool) string {
	if active {
		return "activate"
	}
	return "deactivate"
}

func notFoundAs(err error, p error) error {
	if errors.Is(err, errNotFound) {
		return p
	}
	return err
}

func versionError(err error) error {
	if errors.Is(err, errStale) {
		return httpx.StaleVersion()
	}
	return err
}

// --- positions

// Positions lists the job positions.
func (s *Service) Positions(ctx context.Context) ([]Position, error) {
	return s.store.positions(ctx, s.db)
}

// SyncPositions writes the shipped positions; it is idempotent and runs at every start.
func (s *Service) SyncPositions(ctx context.Context, ps []Position) error {
	if len(ps) == 0 {
		return nil
	}
	return s.store.upsertPositions(ctx, s.db, ps)
}
