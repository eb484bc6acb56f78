package framework

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// DraftInput starts a new version from an existing one.
type DraftInput struct {
	Version string `json:"version" validate:"required,max=20"`
}

// FrameworkPatch changes a draft's head.
type FrameworkPatch struct {
	Version       *string `json:"version" validate:"omitempty,min=1,max=20"`
	TitleCS       *string `json:"title_cs" validate:"omitempty,min=1,max=300"`
	TitleEN       *string `json:"title_en" validate:"omitempty,max=300"`
	DescriptionCS *string `json:"description_cs" validate:"omitempty,max=5000"`
	DescriptionEN *string `json:"description_en" validate:"omitempty,max=5000"`
}

// IndicatorInput is one indicator text in both languages.
type IndicatorInput struct {
	TextCS string `json:"text_cs" validate:"required,max=1000"`
	TextEN string `json:"text_en" validate:"max=1000"`
}

// ItemPatch changes a domain or competency of a draft; each indicator level sent replaces that level's indicators.
type ItemPatch struct {
	Code          *string                     `json:"code" validate:"omitempty,min=1,max=20"`
	NameCS        *string                     `json:"name_cs" validate:"omitempty,min=1,max=500"`
	NameEN        *string                     `json:"name_en" validate:"omitempty,max=500"`
	DescriptionCS *string                     `json:"description_cs" validate:"omitempty,max=5000"`
	DescriptionEN *string                     `json:"description_en" validate:"omitempty,max=5000"`
	Indicators    map[string][]IndicatorInput `json:"indicators" validate:"omitempty,max=4,dive,keys,oneof=1 2 3 4,endkeys,max=10,dive"`
}

// ItemInput adds a competency to a domain of a draft.
type ItemInput struct {
	ParentID string `json:"parent_id" validate:"required,uuid"`
	ItemPatch
}

var errNotDraft = httpx.Conflict("Only a draft can be changed; a published version never changes. Start a new draft from it.")

// CreateDraft copies a version — its tree, indicators, associations and profiles — into a new draft that
// keeps every identifier, so what was assessed against the old version maps onto the new one.
func (s *Service) CreateDraft(ctx context.Context, p *auth.Principal, sourceID uuid.UUID, in DraftInput) (*Framework, error) {
	if !canManage(p) {
		return nil, httpx.Forbidden("Only methodologists keep the competency model.")
	}
	var draft *Framework
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		src, err := s.store.framework(ctx, tx, sourceID)
		if err != nil {
			return notFoundAs(err, errFrameworkNotFound)
		}
		if src.Status == Draft {
			return httpx.Conflict("A draft cannot be copied into another draft; publish it or edit it.")
		}
		now := database.Now()
		draft = &Framework{
			ID: uuid.New(), LineageID: src.LineageID, PreviousID: &src.ID, Version: strings.TrimSpace(in.Version),
			Status: Draft, TitleCS: src.TitleCS, TitleEN: src.TitleEN, DescriptionCS: src.DescriptionCS,
			DescriptionEN: src.DescriptionEN, Publisher: src.Publisher, Language: src.Language, Source: "draft",
			CaseExtra: src.CaseExtra, Revision: 1, CreatedAt: now, UpdatedAt: now,
		}
		if err := s.store.copyTree(ctx, tx, src.ID, draft); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "create_draft", Entity: "framework", EntityID: draft.ID, After: draft})
	})
	return draft, err
}

// UpdateFramework changes a draft's head.
func (s *Service) UpdateFramework(ctx context.Context, p *auth.Principal, id uuid.UUID, revision int, in FrameworkPatch) (*Framework, error) {
	return s.changeDraft(ctx, p, id, revision, "update", func(ctx context.Context, tx bun.Tx, f *Framework) error {
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = strings.TrimSpace(*v)
			}
		}
		set(&f.Version, in.Version)
		set(&f.TitleCS, in.TitleCS)
		set(&f.TitleEN, in.TitleEN)
		set(&f.DescriptionCS, in.DescriptionCS)
		set(&f.DescriptionEN, in.DescriptionEN)
		return nil
	})
}

// UpdateItem changes a domain or competency of a draft.
func (s *Service) UpdateItem(ctx context.Context, p *auth.Principal, id, itemID uuid.UUID, revision int, in ItemPatch) (*Framework, error) {
	return s.changeDraft(ctx, p, id, revision, "update_item", func(ctx context.Context, tx bun.Tx, f *Framework) error {
		it, err := s.store.item(ctx, tx, id, itemID)
		if err != nil {
			return notFoundAs(err, httpx.NotFound("The framework has no item with this identifier."))
		}
		return s.applyItem(ctx, tx, it, in, false)
	})
}

// AddItem adds a competency to a domain of a draft and returns the draft and the new competency.
func (s *Service) AddItem(ctx context.Context, p *auth.Principal, id uuid.UUID, revision int, in ItemInput) (*Framework, *Item, error) {
	var it *Item
	f, err := s.changeDraft(ctx, p, id, revision, "add_item", func(ctx context.Context, tx bun.Tx, f *Framework) error {
		parent, err := s.store.item(ctx, tx, id, uuid.MustParse(in.ParentID))
		if err != nil || parent.Kind != KindDomain {
			return httpx.FieldInvalid("parent_id", "exists", "Competencies are added to a domain of this framework.")
		}
		seq, err := s.store.nextSeq(ctx, tx, id, parent.ID)
		if err != nil {
			return err
		}
		it = &Item{FrameworkID: id, ID: uuid.New(), ParentID: &parent.ID, Seq: seq, Kind: KindCompetency, ItemType: "Competency"}
		if in.Code == nil || strings.TrimSpace(*in.Code) == "" {
			return httpx.FieldInvalid("code", "required", "This field is required.")
		}
		return s.applyItem(ctx, tx, it, in.ItemPatch, true)
	})
	return f, it, err
}

// applyItem writes a patch onto an item, keeping codes unique within the framework.
func (s *Service) applyItem(ctx context.Context, tx bun.Tx, it *Item, in ItemPatch, isNew bool) error {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&it.Code, in.Code)
	set(&it.NameCS, in.NameCS)
	set(&it.NameEN, in.NameEN)
	set(&it.DescriptionCS, in.DescriptionCS)
	set(&it.DescriptionEN, in.DescriptionEN)
	if it.NameCS == "" {
		return httpx.FieldInvalid("name_cs", "required", "This field is required.")
	}
	if in.Code != nil {
		taken, err := s.store.codeTaken(ctx, tx, it.FrameworkID, it.Code, it.ID)
		if err != nil {
			return err
		}
		if taken {
			return httpx.FieldConflict("code", "Another item of this framework has this code.")
		}
	}
	it.SearchText = searchText(it)
	if err := s.store.saveItem(ctx, tx, it, isNew); err != nil {
		return err
	}
	if in.Indicators == nil {
		return nil
	}
	if it.Kind != KindCompetency {
		return httpx.FieldInvalid("indicators", "kind", "Only competencies have indicators.")
	}
	var inds []Indicator
	levels := make([]int, 0, len(in.Indicators))
	for key, texts := range in.Indicators {
		level := int(key[0] - '0') // validated as 1–4
		levels = append(levels, level)
		for i, t := range texts {
			inds = append(inds, Indicator{FrameworkID: it.FrameworkID, CompetencyID: it.ID, Level: level, Seq: i + 1,
				TextCS: strings.TrimSpace(t.TextCS), TextEN: strings.TrimSpace(t.TextEN)})
		}
	}
	return s.store.replaceIndicators(ctx, tx, it.FrameworkID, it.ID, levels, inds)
}

// DeleteItem removes a competency (with its indicators) or an empty domain from a draft.
func (s *Service) DeleteItem(ctx context.Context, p *auth.Principal, id, itemID uuid.UUID, revision int) (*Framework, error) {
	return s.changeDraft(ctx, p, id, revision, "delete_item", func(ctx context.Context, tx bun.Tx, f *Framework) error {
		if _, err := s.store.item(ctx, tx, id, itemID); err != nil {
			return notFoundAs(err, httpx.NotFound("The framework has no item with this identifier."))
		}
		children, err := s.store.childCount(ctx, tx, id, itemID)
		if err != nil {
			return err
		}
		if children > 0 {
			return httpx.Conflict("Remove or move the competencies of this domain first.")
		}
		return s.store.deleteItem(ctx, tx, id, itemID)
	})
}

// Publish makes a draft the version in force: it is checked whole (as a shipped file would be), becomes
// immutable, and the version it replaces is retired. Assessments keep pointing to the version they used.
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id uuid.UUID, revision int) (*Framework, error) {
	return s.changeDraft(ctx, p, id, revision, "publish", func(ctx context.Context, tx bun.Tx, f *Framework) error {
		items, err := s.store.items(ctx, tx, id)
		if err != nil {
			return err
		}
		inds, err := s.store.indicators(ctx, tx, id)
		if err != nil {
			return err
		}
		if errs := publishable(items, inds); len(errs) > 0 {
			pr := httpx.Conflict("The draft is not complete enough to publish.")
			pr.Errors = errs
			return pr
		}
		now := database.Now()
		today := database.NewDate(now.Year(), now.Month(), now.Day())
		f.Status, f.PublishedOn = Published, &today
		return s.store.retireOthers(ctx, tx, f.LineageID, f.ID)
	})
}

// publishable lists what keeps a draft from being published: every competency needs indicators on all levels.
func publishable(items []Item, inds []Indicator) []httpx.FieldError {
	has := map[uuid.UUID]map[int]bool{}
	for _, in := range inds {
		if has[in.CompetencyID] == nil {
			has[in.CompetencyID] = map[int]bool{}
		}
		has[in.CompetencyID][in.Level] = true
	}
	var errs []httpx.FieldError
	competencies := 0
	for _, it := range items {
		if it.Kind != KindCompetency {
			continue
		}
		competencies++
		for level := LevelNovice; level <= LevelExpert; level++ {
			if !has[it.ID][level] {
				errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("items/%s/indicators/%d", it.ID, level), Code: "required",
					Message: fmt.Sprintf("%s %s has no indicators for level %d.", it.Code, it.NameCS, level)})
			}
		}
	}
	if competencies == 0 {
		errs = append(errs, httpx.FieldError{Field: "items", Code: "required", Message: "The framework has no competency."})
	}
	return errs
}

// changeDraft is the frame of every change to a draft: authorise, check it is a draft and the revision the
// client edited, change, bump the revision, audit — one transaction.
func (s *Service) changeDraft(ctx context.Context, p *auth.Principal, id uuid.UUID, revision int, action string,
	change func(ctx context.Context, tx bun.Tx, f *Framework) error) (*Framework, error) {
	var f *Framework
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if f, err = s.store.framework(ctx, tx, id); err != nil || (f.Status == Draft && !canSeeDrafts(p)) {
			return notFoundAs(orNotFound(err), errFrameworkNotFound)
		}
		if !canManage(p) {
			return httpx.Forbidden("Only methodologists keep the competency model.")
		}
		if f.Status != Draft {
			return errNotDraft
		}
		if f.Revision != revision {
			return httpx.StaleVersion()
		}
		before := *f
		if err := change(ctx, tx, f); err != nil {
			return err
		}
		f.Revision++
		f.UpdatedAt = database.Now()
		if err := s.store.updateFramework(ctx, tx, f, revision); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: action, Entity: "framework", EntityID: id, Before: before, After: f})
	})
	return f, err
}

func orNotFound(err error) error {
	if err == nil {
		return errNotFound
	}
	return err
}

func notFoundAs(err error, p error) error {
	if errors.Is(err, errNotFound) {
		return p
	}
	return err
}

// ProfileInput sets every expected level of a profile.
type ProfileInput struct {
	Levels []struct {
		CompetencyID string `json:"competency_id" validate:"required,uuid"`
		Level        *int   `json:"level" validate:"omitempty,min=1,max=4"`
	} `json:"levels" validate:"required,max=500,dive"`
}

// SetProfile writes a position's profile in a framework: the national one of a draft, or a region's
// refinement. Competencies not listed keep no expectation.
func (s *Service) SetProfile(ctx context.Context, p *auth.Principal, positionID, frameworkID uuid.UUID, region string, in ProfileInput) (*ProfileView, error) {
	var view *ProfileView
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		f, err := s.store.framework(ctx, tx, frameworkID)
		if err != nil || (f.Status == Draft && !canSeeDrafts(p)) {
			return notFoundAs(orNotFound(err), httpx.FieldInvalid("framework_id", "exists", "No competency framework has this identifier."))
		}
		if !canEditProfile(p, f, region) {
			if region == "" && canManage(p) && f.Status != Draft {
				return errNotDraft
			}
			return httpx.Forbidden("You may not change this profile.")
		}
		items, err := s.store.items(ctx, tx, frameworkID)
		if err != nil {
			return err
		}
		known := map[uuid.UUID]bool{}
		for _, it := range items {
			known[it.ID] = it.Kind == KindCompetency
		}
		var errs []httpx.FieldError
		levels := make([]ProfileLevel, 0, len(in.Levels))
		seen := map[uuid.UUID]bool{}
		for i, l := range in.Levels {
			cid := uuid.MustParse(l.CompetencyID)
			if !known[cid] || seen[cid] {
				errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("levels[%d].competency_id", i), Code: "exists",
					Message: "Not a competency of this framework, or listed twice."})
			}
			seen[cid] = true
			levels = append(levels, ProfileLevel{CompetencyID: cid, Level: l.Level})
		}
		if len(errs) > 0 {
			return httpx.Invalid(errs...)
		}
		var regionPtr *string
		if region != "" {
			regionPtr = &region
		}
		prof, err := s.store.exactProfile(ctx, tx, frameworkID, positionID, regionPtr)
		var before any
		switch {
		case errors.Is(err, errNotFound):
			prof = &Profile{ID: uuid.Must(uuid.NewV7()), FrameworkID: frameworkID, PositionID: positionID, RegionCode: regionPtr, Revision: 0}
		case err != nil:
			return err
		default:
			before = *prof
		}
		prof.Revision++
		prof.UpdatedAt, prof.UpdatedBy = database.Now(), &p.UserID
		for i := range levels {
			levels[i].ProfileID = prof.ID
		}
		if err := s.store.saveProfile(ctx, tx, prof, levels); err != nil {
			if database.IsForeignKeyViolation(err) {
				return httpx.NotFound("No position has this identifier.")
			}
			return err
		}
		view = &ProfileView{Profile: *prof, Levels: levels}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "set_profile", Entity: "position_profile", EntityID: prof.ID, Before: before, After: view})
	})
	return view, err
}
