package training

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Directory is what training needs to know about people: their teams (for nominations), those teams' leads (who
// approve registrations), whom a lead leads (for lists) and the positions courses are meant for.
type Directory interface {
	TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error)
	LeadsOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error)
	ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (directory.Reach, error)
	Positions(ctx context.Context) ([]directory.Position, error)
}

// Frameworks is what training needs of the competency model: courses develop competencies of the published
// version.
type Frameworks interface {
	CurrentPublished(ctx context.Context) (*framework.Framework, error)
	CompetencyIDs(ctx context.Context, frameworkID uuid.UUID) ([]uuid.UUID, error)
}

// Service holds the training rules. It works on any bun.IDB, so a caller may pass its transaction.
type Service struct {
	db         bun.IDB
	store      store
	directory  Directory
	frameworks Frameworks
	baseURL    string // the public URL certificates print for /verify/{code}
}

// NewService wires the training service to the directory and the competency model; baseURL is the
// application's public URL (config BaseURL).
func NewService(db bun.IDB, dir Directory, fw Frameworks, baseURL string) *Service {
	return &Service{db: db, directory: dir, frameworks: fw, baseURL: strings.TrimSuffix(baseURL, "/")}
}

var (
	errCourseNotFound = httpx.NotFound("No course has this identifier.")
)

// prague is the zone of the catalogue's days: a search "from 1 March" means from midnight in Prague.
var prague = database.Prague

func today() database.Date {
	now := database.Now().In(prague)
	return database.NewDate(now.Year(), now.Month(), now.Day())
}

// CompetencyInput is a competency a course develops and the level it aims at.
type CompetencyInput struct {
	CompetencyID string `json:"competency_id" validate:"required,uuid"`
	TargetLevel  int    `json:"target_level" validate:"required,min=1,max=4"`
}

// CoursePatch changes some fields of a course; accreditation_number "" or null clears the accreditation,
// competencies and target_positions replace the lists.
type CoursePatch struct {
	Title               *string            `json:"title" validate:"omitempty,max=300"`
	Description         *string            `json:"description" validate:"omitempty,max=10000"`
	Form                *string            `json:"form" validate:"omitempty,oneof=course conference internship specialisation e_learning training_event"`
	Hours               *int               `json:"hours" validate:"omitempty,min=1,max=2000"`
	AccreditationNumber *string            `json:"accreditation_number" validate:"omitempty,max=40"`
	AccreditedFrom      *string            `json:"accredited_from" validate:"omitempty,datetime=2006-01-02"`
	AccreditedUntil     *string            `json:"accredited_until" validate:"omitempty,datetime=2006-01-02"`
	Published           *bool              `json:"published"`
	Competencies        *[]CompetencyInput `json:"competencies" validate:"omitempty,max=50,dive"`
	TargetPositions     *[]string          `json:"target_positions" validate:"omitempty,max=50,dive,max=100"`
}

// CourseInput creates a course of a provider organisation the caller works for (provider_id may be left out
// when they work for one).
type CourseInput struct {
	ProviderID          string             `json:"provider_id" validate:"omitempty,uuid"`
	Title               *string            `json:"title" validate:"required,max=300"`
	Description         *string            `json:"description" validate:"omitempty,max=10000"`
	Form                *string            `json:"form" validate:"required,oneof=course conference internship specialisation e_learning training_event"`
	Hours               *int               `json:"hours" validate:"required,min=1,max=2000"`
	AccreditationNumber *string            `json:"accreditation_number" validate:"omitempty,max=40"`
	AccreditedFrom      *string            `json:"accredited_from" validate:"omitempty,datetime=2006-01-02"`
	AccreditedUntil     *string            `json:"accredited_until" validate:"omitempty,datetime=2006-01-02"`
	Published           *bool              `json:"published"`
	Competencies        *[]CompetencyInput `json:"competencies" validate:"omitempty,max=50,dive"`
	TargetPositions     *[]string          `json:"target_positions" validate:"omitempty,max=50,dive,max=100"`
}

// patch is the input's fields as a patch: creating a course is patching an empty one.
func (in CourseInput) patch() CoursePatch {
	return CoursePatch{Title: in.Title, Description: in.Description, Form: in.Form, Hours: in.Hours,
		AccreditationNumber: in.AccreditationNumber, AccreditedFrom: in.AccreditedFrom, AccreditedUntil: in.AccreditedUntil,
		Published: in.Published, Competencies: in.Competencies, TargetPositions: in.TargetPositions}
}

// known is what a course's lists may name, read before the change's transaction: the competencies of the
// published model and the positions' codes.
type known struct {
	competencies []uuid.UUID
	positions    []string
}

func (s *Service) known(ctx context.Context, in CoursePatch) (known, error) {
	var k known
	if in.Competencies != nil && len(*in.Competencies) > 0 {
		f, err := s.frameworks.CurrentPublished(ctx)
		if err != nil {
			return k, err
		}
		if k.competencies, err = s.frameworks.CompetencyIDs(ctx, f.ID); err != nil {
			return k, err
		}
	}
	if in.TargetPositions != nil && len(*in.TargetPositions) > 0 {
		ps, err := s.directory.Positions(ctx)
		if err != nil {
			return k, err
		}
		for _, p := range ps {
			k.positions = append(k.positions, p.Code)
		}
	}
	return k, nil
}

// CreateCourse adds a course to the provider's offer, as a draft unless published is true.
func (s *Service) CreateCourse(ctx context.Context, p *auth.Principal, in CourseInput) (*Course, error) {
	providers := p.ProviderOrgs()
	var providerID uuid.UUID
	switch {
	case in.ProviderID != "":
		providerID = uuid.MustParse(in.ProviderID) // validated as a UUID by the binder
	case len(providers) == 1:
		providerID = providers[0]
	case len(providers) == 0:
		return nil, httpx.Forbidden("Only training providers offer courses.")
	default:
		return nil, httpx.FieldInvalid("provider_id", "required", "You work for several providers: say which one offers the course.")
	}
	if !runs(p, providerID) {
		return nil, httpx.Forbidden("You offer courses only for the provider organisations you work for.")
	}
	patch := in.patch()
	k, err := s.known(ctx, patch)
	if err != nil {
		return nil, err
	}
	now := database.Now()
	c := &Course{ID: uuid.Must(uuid.NewV7()), ProviderID: providerID, Version: 1, CreatedAt: now, UpdatedAt: now,
		Competencies: []CourseCompetency{}, TargetPositions: []string{}}
	if err := applyCourse(c, patch, k); err != nil {
		return nil, err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.saveCourse(ctx, tx, c, 0); err != nil {
			return err
		}
		var err error
		if c, err = s.store.course(ctx, tx, c.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "create", Entity: "course", EntityID: c.ID, After: c})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// applyCourse applies a patch to a course and checks the result as a whole.
func applyCourse(c *Course, in CoursePatch, k known) error {
	var errs []httpx.FieldError
	bad := func(field, code, msg string) {
		errs = append(errs, httpx.FieldError{Field: field, Code: code, Message: msg})
	}
	if in.Title != nil {
		if c.Title = strings.TrimSpace(*in.Title); c.Title == "" {
			bad("title", "required", "Name the course.")
		}
	}
	if in.Description != nil {
		c.Description = strings.TrimSpace(*in.Description)
	}
	if in.Form != nil {
		c.Form = *in.Form
	}
	if in.Hours != nil {
		c.Hours = *in.Hours
	}
	if in.Published != nil {
		c.Published = *in.Published
	}
	if in.AccreditationNumber != nil {
		c.AccreditationNumber = nil
		if n := strings.TrimSpace(*in.AccreditationNumber); n != "" {
			c.AccreditationNumber = &n
			if !accreditationShape.MatchString(n) {
				bad("accreditation_number", "shape", "An MPSV accreditation number looks like 2010/743-SP or A2024/0123-SP/PC/PP.")
			}
		}
	}
	for field, date := range map[string]struct {
		in  *string
		out **database.Date
	}{"accredited_from": {in.AccreditedFrom, &c.AccreditedFrom}, "accredited_until": {in.AccreditedUntil, &c.AccreditedUntil}} {
		if date.in == nil {
			continue
		}
		*date.out = nil
		if *date.in != "" {
			d, err := database.ParseDate(*date.in)
			if err != nil {
				bad(field, "datetime", "Use a date as YYYY-MM-DD.")
				continue
			}
			*date.out = &d
		}
	}
	if c.AccreditationNumber == nil {
		c.AccreditedFrom, c.AccreditedUntil = nil, nil // validity without an accreditation means nothing
	} else if c.AccreditedFrom != nil && c.AccreditedUntil != nil && c.AccreditedUntil.Before(c.AccreditedFrom.Time) {
		bad("accredited_until", "order", "The accreditation ends before it starts.")
	}
	if in.Competencies != nil {
		c.Competencies = make([]CourseCompetency, 0, len(*in.Competencies))
		for i, cc := range *in.Competencies {
			id := uuid.MustParse(cc.CompetencyID) // validated as a UUID by the binder
			field := fmt.Sprintf("competencies[%d].competency_id", i)
			switch {
			case !slices.Contains(k.competencies, id):
				bad(field, "exists", "Not a competency of the current competency model.")
			case slices.ContainsFunc(c.Competencies, func(o CourseCompetency) bool { return o.CompetencyID == id }):
				bad(field, "unique", "This competency is listed twice.")
			default:
				c.Competencies = append(c.Competencies, CourseCompetency{CourseID: c.ID, CompetencyID: id, TargetLevel: cc.TargetLevel})
			}
		}
	}
	if in.TargetPositions != nil {
		c.TargetPositions = make([]string, 0, len(*in.TargetPositions))
		for i, code := range *in.TargetPositions {
			field := fmt.Sprintf("target_positions[%d]", i)
			switch {
			case !slices.Contains(k.positions, code):
				bad(field, "exists", "Not a position code.")
			case slices.Contains(c.TargetPositions, code):
				bad(field, "unique", "This position is listed twice.")
			default:
				c.TargetPositions = append(c.TargetPositions, code)
			}
		}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b httpx.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return httpx.Invalid(errs...)
	}
	c.SearchText = database.Fold(c.Title + " " + c.Description)
	return nil
}

// Course returns a course the caller may see: a published one, or a draft of a provider they work for.
func (s *Service) Course(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Course, error) {
	c, err := s.readCourse(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !canSeeCourse(p, c.ProviderID, c.Published) {
		return nil, errCourseNotFound
	}
	return c, nil
}

func (s *Service) readCourse(ctx context.Context, db bun.IDB, id uuid.UUID) (*Course, error) {
	c, err := s.store.course(ctx, db, id)
	if errors.Is(err, errNotFound) {
		return nil, errCourseNotFound
	}
	return c, err
}

// UpdateCourse changes a course of the caller's provider, if they edited its current version.
func (s *Service) UpdateCourse(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in CoursePatch) (*Course, error) {
	k, err := s.known(ctx, in)
	if err != nil {
		return nil, err
	}
	var c *Course
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if c, err = s.readCourse(ctx, tx, id); err != nil {
			return err
		}
		if err := mayChange(p, c.ProviderID, c.Published, errCourseNotFound); err != nil {
			return err
		}
		if c.Version != version {
			return httpx.StaleVersion()
		}
		before := *c
		if err := applyCourse(c, in, k); err != nil {
			return err
		}
		c.Version++
		c.UpdatedAt = database.Now()
		if err := s.store.saveCourse(ctx, tx, c, version); err != nil {
			return err
		}
		if c, err = s.store.course(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "update", Entity: "course", EntityID: c.ID, Before: before, After: c})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CourseQuery is the catalogue's search.
type CourseQuery struct {
	Q            string `query:"q" validate:"max=200"`
	CompetencyID string `query:"competency_id" validate:"omitempty,uuid"`
	Form         string `query:"form" validate:"omitempty,oneof=course conference internship specialisation e_learning training_event"`
	Accredited   string `query:"accredited" validate:"omitempty,oneof=true false"`
	From         string `query:"from" validate:"omitempty,datetime=2006-01-02"`
	To           string `query:"to" validate:"omitempty,datetime=2006-01-02"`
	Place        string `query:"place" validate:"max=200"`
	Free         string `query:"free" validate:"omitempty,oneof=true false"`
	ProviderID   string `query:"provider_id" validate:"omitempty,uuid"` // one provider's courses (a provider's own list)
}

// days reads a from/to pair of Prague days as the instants they span: from the start of from to the end of to.
func days(from, to string) (*time.Time, *time.Time) {
	var a, b *time.Time
	if from != "" {
		d, _ := time.ParseInLocation(time.DateOnly, from, prague) // validated as a date by the binder
		d = d.UTC()
		a = &d
	}
	if to != "" {
		d, _ := time.ParseInLocation(time.DateOnly, to, prague)
		d = d.AddDate(0, 0, 1).UTC()
		b = &d
	}
	return a, b
}

// Courses searches the catalogue: published courses, and the drafts of the caller's providers; newest first.
func (s *Service) Courses(ctx context.Context, p *auth.Principal, q CourseQuery, pr httpx.PageRequest) (httpx.Page[Course], error) {
	f := courseFilter{Providers: p.ProviderOrgs(), Query: strings.TrimSpace(q.Q), Form: q.Form, Accredited: q.Accredited == "true",
		Today: today(), Place: strings.TrimSpace(q.Place), Free: q.Free == "true", Now: database.Now(), Limit: pr.Limit}
	f.From, f.To = days(q.From, q.To)
	if q.CompetencyID != "" {
		id := uuid.MustParse(q.CompetencyID)
		f.CompetencyID = &id
	}
	if q.ProviderID != "" {
		id := uuid.MustParse(q.ProviderID)
		f.ProviderID = &id
	}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[Course]{}, err
		}
		f.AfterID = &after
	}
	rows, err := s.store.listCourses(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Course]{}, err
	}
	return httpx.NewPage(rows, pr.Limit, func(c Course) any { return c.ID }), nil
}
