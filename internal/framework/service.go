package framework

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Service holds the competency model's rules. It works on any bun.IDB, so a caller may pass its transaction.
type Service struct {
	db    bun.IDB
	store store
}

// NewService makes the framework service.
func NewService(db bun.IDB) *Service { return &Service{db: db} }

var errFrameworkNotFound = httpx.NotFound("No competency framework has this identifier.")

// SyncShipped stores the shipped models that are not in the database yet, each whole in one transaction, with
// their national position profiles. A model already stored from the same file is left alone; a published one
// whose file changed is refused, because a published version never changes: ship a new version instead.
func (s *Service) SyncShipped(ctx context.Context, log *slog.Logger, shipped []Shipped, positions map[string]uuid.UUID) error {
	for _, m := range shipped {
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			existing, err := s.store.framework(ctx, tx, m.Framework.ID)
			switch {
			case err == nil && existing.ContentHash == m.Framework.ContentHash:
				return nil
			case err == nil:
				return fmt.Errorf("competencies/%s changed, but version %s (%s) is already stored and a published "+
					"version is immutable: ship the change as a new version with a new framework id and previous: %s",
					m.Name, existing.Version, existing.ID, existing.ID)
			case !errors.Is(err, errNotFound):
				return err
			}
			f := m.Framework
			if f.PreviousID != nil {
				prev, err := s.store.framework(ctx, tx, *f.PreviousID)
				if err != nil {
					return fmt.Errorf("competencies/%s: previous version %s: %w", m.Name, f.PreviousID, err)
				}
				f.LineageID = prev.LineageID
			}
			f.CreatedAt, f.UpdatedAt = database.Now(), database.Now()
			if err := s.store.insertTree(ctx, tx, &f, m.Items, m.Indicators, m.Associations); err != nil {
				return err
			}
			if err := s.insertProfiles(ctx, tx, f.ID, m.Profiles, positions); err != nil {
				return fmt.Errorf("competencies/%s profiles: %w", m.Name, err)
			}
			log.Info("competency framework loaded", "file", m.Name, "id", f.ID, "version", f.Version, "items", len(m.Items))
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) insertProfiles(ctx context.Context, db bun.IDB, frameworkID uuid.UUID, profiles map[string]map[uuid.UUID]*int, positions map[string]uuid.UUID) error {
	codes := make([]string, 0, len(profiles))
	for code := range profiles {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		positionID, ok := positions[code]
		if !ok {
			return fmt.Errorf("no position has the code %q (see competencies/positions.yaml)", code)
		}
		p := &Profile{ID: uuid.Must(uuid.NewV7()), FrameworkID: frameworkID, PositionID: positionID, Revision: 1, UpdatedAt: database.Now()}
		levels := make([]ProfileLevel, 0, len(profiles[code]))
		for cid, level := range profiles[code] {
			levels = append(levels, ProfileLevel{ProfileID: p.ID, CompetencyID: cid, Level: level})
		}
		if err := s.store.insertProfile(ctx, db, p, levels); err != nil {
			return err
		}
	}
	return nil
}

// Frameworks lists the versions the caller may see.
func (s *Service) Frameworks(ctx context.Context, p *auth.Principal) ([]Framework, error) {
	return s.store.frameworks(ctx, s.db, canSeeDrafts(p))
}

// Tree is a whole framework version as people read it: domains, their competencies and each competency's
// indicators per level.
type Tree struct {
	Framework
	Domains []Node `json:"domains"`
	Other   []Node `json:"other,omitempty"` // items of imported frameworks that are neither domain nor competency
}

// Node is an item with its children, indicators and associations.
type Node struct {
	Item
	Indicators   map[int][]Indicator `json:"indicators,omitempty"`
	Associations []Association       `json:"associations,omitempty"`
	Children     []Node              `json:"children,omitempty"`
}

// Tree loads a framework version whole, in three queries.
func (s *Service) Tree(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Tree, error) {
	f, err := s.store.framework(ctx, s.db, id)
	if errors.Is(err, errNotFound) || (err == nil && f.Status == Draft && !canSeeDrafts(p)) {
		return nil, errFrameworkNotFound
	} else if err != nil {
		return nil, err
	}
	items, err := s.store.items(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	inds, err := s.store.indicators(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	assocs, err := s.store.associations(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return buildTree(f, items, inds, assocs), nil
}

func buildTree(f *Framework, items []Item, inds []Indicator, assocs []Association) *Tree {
	byParent := map[uuid.UUID][]Item{}
	var roots []Item
	for _, it := range items {
		if it.ParentID == nil {
			roots = append(roots, it)
		} else {
			byParent[*it.ParentID] = append(byParent[*it.ParentID], it)
		}
	}
	indsOf := map[uuid.UUID]map[int][]Indicator{}
	for _, in := range inds {
		if indsOf[in.CompetencyID] == nil {
			indsOf[in.CompetencyID] = map[int][]Indicator{}
		}
		indsOf[in.CompetencyID][in.Level] = append(indsOf[in.CompetencyID][in.Level], in)
	}
	assocsOf := map[string][]Association{}
	for _, a := range assocs {
		assocsOf[a.Origin.Identifier] = append(assocsOf[a.Origin.Identifier], a)
	}
	var build func(it Item, depth int) Node
	build = func(it Item, depth int) Node {
		n := Node{Item: it, Indicators: indsOf[it.ID], Associations: assocsOf[it.ID.String()]}
		if depth < 32 { // the tree is checked acyclic at import; the bound only guards against a bug
			for _, c := range byParent[it.ID] {
				n.Children = append(n.Children, build(c, depth+1))
			}
		}
		return n
	}
	t := &Tree{Framework: *f, Domains: []Node{}}
	for _, r := range roots {
		if r.Kind == KindDomain {
			t.Domains = append(t.Domains, build(r, 0))
		} else {
			t.Other = append(t.Other, build(r, 0))
		}
	}
	return t
}

// CurrentPublished is the newest published framework version of rozvoj's own model (shipped, or drafted by
// methodologists): what new assessments and profiles use. Imported frameworks are reference material — a
// state's standards, ESCO — until a methodologist drafts rozvoj's model from one.
func (s *Service) CurrentPublished(ctx context.Context) (*Framework, error) {
	f, err := s.inForce(ctx)
	if err == nil && f == nil {
		return nil, httpx.NotFound("No competency framework is published yet.")
	}
	return f, err
}

// inForce is CurrentPublished's version; nil when nothing is published yet.
func (s *Service) inForce(ctx context.Context) (*Framework, error) {
	var out []Framework
	err := s.db.NewSelect().Model(&out).Where("f.status = ? AND f.source <> 'import'", Published).
		OrderExpr("f.published_on DESC, f.created_at DESC").Limit(1).Scan(ctx)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}

// ProfileView is a position's expected level per competency.
type ProfileView struct {
	Profile
	Levels []ProfileLevel `json:"levels"`
}

// PositionProfile returns a position's profile in a framework (the current published one when frameworkID is
// nil), refined for a region when region is given and the region has refined it.
func (s *Service) PositionProfile(ctx context.Context, positionID uuid.UUID, frameworkID *uuid.UUID, region string) (*ProfileView, error) {
	if frameworkID == nil {
		f, err := s.CurrentPublished(ctx)
		if err != nil {
			return nil, err
		}
		frameworkID = &f.ID
	}
	p, err := s.store.profile(ctx, s.db, *frameworkID, positionID, region)
	if errors.Is(err, errNotFound) {
		return nil, httpx.NotFound("This position has no profile in this framework.")
	} else if err != nil {
		return nil, err
	}
	levels, err := s.store.profileLevels(ctx, s.db, p.ID)
	if err != nil {
		return nil, err
	}
	return &ProfileView{Profile: *p, Levels: levels}, nil
}

// DomainNames are the Czech names of the domains of the version in force, by code (K1 → Právní rámec …), for
// reports that carry only a domain's code; empty when nothing is published yet.
func (s *Service) DomainNames(ctx context.Context) (map[string]string, error) {
	f, err := s.inForce(ctx)
	if err != nil || f == nil {
		return map[string]string{}, err
	}
	var domains []Item
	if err := s.db.NewSelect().Model(&domains).Column("code", "name_cs").
		Where("framework_id = ? AND kind = ?", f.ID, KindDomain).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(domains))
	for _, d := range domains {
		out[d.Code] = d.NameCS
	}
	return out, nil
}

// CompetencyIDs lists the competencies of a framework version, for the domains that rate them.
func (s *Service) CompetencyIDs(ctx context.Context, frameworkID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.db.NewSelect().Model((*Item)(nil)).Column("id").
		Where("framework_id = ? AND kind = ?", frameworkID, KindCompetency).OrderExpr("seq, code").Scan(ctx, &ids)
	return ids, err
}
