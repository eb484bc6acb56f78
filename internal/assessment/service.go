package assessment

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// Directory is what assessments need to know about people: their teams, and the members of teams.
type Directory interface {
	TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error)
	ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (directory.Reach, error)
	Team(ctx context.Context, p *auth.Principal, id uuid.UUID) (*directory.Team, error)
	LeadsOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error)
	Card(ctx context.Context, personID uuid.UUID) (*directory.Card, error)
}

// Frameworks is what assessments need of the competency model.
type Frameworks interface {
	CurrentPublished(ctx context.Context) (*framework.Framework, error)
	CompetencyIDs(ctx context.Context, frameworkID uuid.UUID) ([]uuid.UUID, error)
	Tree(ctx context.Context, p *auth.Principal, id uuid.UUID) (*framework.Tree, error)
}

// Service holds the assessment rules. It works on any bun.IDB, so a caller may pass its transaction.
type Service struct {
	db         bun.IDB
	store      store
	directory  Directory
	frameworks Frameworks
}

// NewService wires the assessment service to the directory and the competency model.
func NewService(db bun.IDB, dir Directory, fw Frameworks) *Service {
	return &Service{db: db, directory: dir, frameworks: fw}
}

var errAssessmentNotFound = httpx.NotFound("No assessment has this identifier.")

// Start begins the caller's assessment against the current published framework. One assessment is open at a
// time, so a half-finished one is continued rather than forgotten.
func (s *Service) Start(ctx context.Context, p *auth.Principal) (*Assessment, error) {
	if !canStart(p) {
		return nil, httpx.Forbidden("Only workers assess themselves.")
	}
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, err
	}
	now := database.Now()
	a := &Assessment{ID: uuid.Must(uuid.NewV7()), PersonID: p.UserID, FrameworkID: f.ID, State: Draft, Version: 1,
		CreatedAt: now, UpdatedAt: now, Ratings: []Rating{}}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		open, err := s.store.open(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if open {
			return httpx.Conflict("You have an assessment in progress; continue it instead of starting another.")
		}
		due, err := s.store.nextDue(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		a.DueOn = &due
		if err := s.store.insert(ctx, tx, a); err != nil {
			return err
		}
		stored, err := s.store.get(ctx, tx, a.ID) // for the person's name, as every read answers it
		if err != nil {
			return err
		}
		a.PersonName = stored.PersonName
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &a.PersonID, Action: "start", Entity: "assessment", EntityID: a.ID, After: a})
	})
	return a, err
}

// Get returns an assessment the caller may see, with its ratings; any other is "not found".
func (s *Service) Get(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Assessment, error) {
	a, _, err := s.load(ctx, s.db, p, id)
	return a, err
}

func (s *Service) load(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID) (*Assessment, []uuid.UUID, error) {
	a, err := s.store.get(ctx, db, id)
	if errors.Is(err, errNotFound) {
		return nil, nil, errAssessmentNotFound
	} else if err != nil {
		return nil, nil, err
	}
	teams, err := s.directory.TeamsOf(ctx, a.PersonID)
	if err != nil {
		return nil, nil, err
	}
	if !canSee(p, a, teams) {
		return nil, nil, errAssessmentNotFound
	}
	if a.Ratings, err = s.store.ratings(ctx, db, []uuid.UUID{a.ID}); err != nil {
		return nil, nil, err
	}
	return a, teams, nil
}

// Choice is a level (1–4) or "not applicable" for one competency: what the worker rates and the lead proposes.
type Choice struct {
	CompetencyID  string `json:"competency_id" validate:"required,uuid"`
	Level         *int   `json:"level" validate:"omitempty,min=1,max=4"`
	NotApplicable bool   `json:"not_applicable"`
}

// RatingInput is the worker's answer for one competency.
type RatingInput struct {
	Choice
	Evidence string `json:"evidence" validate:"max=4000"`
}

// RatingsInput is a batch of answers; autosave sends what changed.
type RatingsInput struct {
	Ratings []RatingInput `json:"ratings" validate:"required,max=200,dive"`
}

// ProposalInput is the lead's proposal for one competency.
type ProposalInput struct {
	Choice
	Comment string `json:"comment" validate:"max=4000"`
}

// ProposalsInput is a batch of the lead's proposals.
type ProposalsInput struct {
	Proposals []ProposalInput `json:"proposals" validate:"required,max=200,dive"`
}

// CommentInput carries the lead's overall comment when reviewing or returning.
type CommentInput struct {
	Comment string `json:"comment" validate:"max=4000"`
}

// Rate saves the worker's answers while the assessment is theirs to edit (a draft, or returned to them).
func (s *Service) Rate(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in RatingsInput) (*Assessment, error) {
	return s.change(ctx, p, id, version, "rate", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !isAuthor(p, a) {
			return httpx.Forbidden("Only the person assessed rates themselves.")
		}
		if a.State != Draft && a.State != Returned {
			return stateConflict(a, "rated")
		}
		choices := make([]Choice, len(in.Ratings))
		for i, r := range in.Ratings {
			choices[i] = r.Choice
		}
		rows, err := checkChoices(f.competencies, a, choices, "ratings")
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].SelfLevel, rows[i].SelfNotApplicable, rows[i].Evidence = in.Ratings[i].Level, in.Ratings[i].NotApplicable, strings.TrimSpace(in.Ratings[i].Evidence)
		}
		return s.store.upsertRatings(ctx, tx, rows, "self_level", "self_not_applicable", "evidence")
	})
}

// Propose saves the lead's proposals on a submitted assessment.
func (s *Service) Propose(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in ProposalsInput) (*Assessment, error) {
	return s.change(ctx, p, id, version, "propose", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !canReview(p, a, f.teams) {
			return httpx.Forbidden("Only the lead of the person's team reviews the assessment.")
		}
		if a.State != Submitted {
			return stateConflict(a, "reviewed")
		}
		choices := make([]Choice, len(in.Proposals))
		for i, r := range in.Proposals {
			choices[i] = r.Choice
		}
		rows, err := checkChoices(f.competencies, a, choices, "proposals")
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].LeadLevel, rows[i].LeadNotApplicable, rows[i].LeadComment = in.Proposals[i].Level, in.Proposals[i].NotApplicable, strings.TrimSpace(in.Proposals[i].Comment)
		}
		return s.store.upsertRatings(ctx, tx, rows, "lead_level", "lead_not_applicable", "lead_comment")
	})
}

// checkChoices validates a batch of choices: each names a competency of the assessment's framework once, and
// gives a level or "not applicable", not both. It returns the rating rows to write, in the same order.
func checkChoices(known []uuid.UUID, a *Assessment, choices []Choice, field string) ([]Rating, error) {
	var errs []httpx.FieldError
	rows := make([]Rating, len(choices))
	seen := map[uuid.UUID]bool{}
	for i, c := range choices {
		level, na := c.Level, c.NotApplicable
		cid := uuid.MustParse(c.CompetencyID) // validated as a UUID by the binder
		switch {
		case !slices.Contains(known, cid):
			errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("%s[%d].competency_id", field, i), Code: "exists", Message: "Not a competency of this assessment's framework version."})
		case seen[cid]:
			errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("%s[%d].competency_id", field, i), Code: "unique", Message: "This competency is listed twice."})
		case level != nil && na:
			errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("%s[%d].level", field, i), Code: "exclusive", Message: "Give a level or mark the competency not applicable, not both."})
		}
		seen[cid] = true
		rows[i] = Rating{AssessmentID: a.ID, CompetencyID: cid}
	}
	if len(errs) > 0 {
		return nil, httpx.Invalid(errs...)
	}
	return rows, nil
}

// Submit hands the assessment to the lead; every competency must be rated (a level or not applicable).
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Assessment, error) {
	return s.change(ctx, p, id, version, "submit", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !isAuthor(p, a) {
			return httpx.Forbidden("Only the person assessed submits the assessment.")
		}
		if a.State != Draft && a.State != Returned {
			return stateConflict(a, "submitted")
		}
		known := f.competencies
		rated := map[uuid.UUID]bool{}
		for _, r := range a.Ratings {
			rated[r.CompetencyID] = r.rated()
		}
		missing := 0
		for _, cid := range known {
			if !rated[cid] {
				missing++
			}
		}
		if missing > 0 {
			return httpx.FieldInvalid("ratings", "incomplete", fmt.Sprintf("%d of %d competencies are not rated yet; give a level or mark them not applicable.", missing, len(known)))
		}
		now := database.Now()
		a.State, a.SubmittedAt = Submitted, &now
		for _, lead := range f.leads {
			if err := notify(ctx, tx, p, notification.AssessmentSubmitted, lead, a, "/tym/hodnoceni/"); err != nil {
				return err
			}
		}
		return nil
	})
}

// notify tells someone about a step of an assessment, in the step's transaction; link is the SPA page the
// recipient opens it on.
func notify(ctx context.Context, tx bun.Tx, p *auth.Principal, kind string, recipient uuid.UUID, a *Assessment, link string) error {
	return notification.Notify(ctx, tx, notification.Notice{Kind: kind, RecipientID: recipient, ActorID: &p.UserID,
		Entity: "assessment", EntityID: a.ID, Link: link + a.ID.String()})
}

// Review marks a submitted assessment reviewed: where the lead proposed nothing, the worker's own rating stands
// as the proposal, so the worker always agrees to a complete set.
func (s *Service) Review(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in CommentInput) (*Assessment, error) {
	return s.change(ctx, p, id, version, "review", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !canReview(p, a, f.teams) {
			return httpx.Forbidden("Only the lead of the person's team reviews the assessment.")
		}
		if a.State != Submitted {
			return stateConflict(a, "reviewed")
		}
		var fill []Rating
		for _, r := range a.Ratings {
			if r.LeadLevel == nil && !r.LeadNotApplicable {
				r.LeadLevel, r.LeadNotApplicable = r.SelfLevel, r.SelfNotApplicable
				fill = append(fill, r)
			}
		}
		if err := s.store.upsertRatings(ctx, tx, fill, "lead_level", "lead_not_applicable"); err != nil {
			return err
		}
		now := database.Now()
		a.State, a.ReviewedAt, a.ReviewerID, a.LeadComment = Reviewed, &now, &p.UserID, strings.TrimSpace(in.Comment)
		return notify(ctx, tx, p, notification.AssessmentReviewed, a.PersonID, a, "/moje-hodnoceni/")
	})
}

// Return sends a submitted or reviewed assessment back to the worker with the lead's comment.
func (s *Service) Return(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in CommentInput) (*Assessment, error) {
	return s.change(ctx, p, id, version, "return", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !canReview(p, a, f.teams) {
			return httpx.Forbidden("Only the lead of the person's team returns the assessment.")
		}
		if a.State != Submitted && a.State != Reviewed {
			return stateConflict(a, "returned")
		}
		if strings.TrimSpace(in.Comment) == "" {
			return httpx.FieldInvalid("comment", "required", "Say what the worker should change.")
		}
		a.State, a.ReviewerID, a.LeadComment = Returned, &p.UserID, strings.TrimSpace(in.Comment)
		return notify(ctx, tx, p, notification.AssessmentReturned, a.PersonID, a, "/moje-hodnoceni/")
	})
}

// Agree is the worker's confirmation of the reviewed levels: they become the agreed levels, and the assessment
// never changes again.
func (s *Service) Agree(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Assessment, error) {
	return s.change(ctx, p, id, version, "agree", func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error {
		if !isAuthor(p, a) {
			return httpx.Forbidden("Only the person assessed agrees to the reviewed levels.")
		}
		if a.State != Reviewed {
			return stateConflict(a, "agreed")
		}
		rows := make([]Rating, len(a.Ratings))
		for i, r := range a.Ratings {
			r.AgreedLevel = r.LeadLevel // nil when the lead marked it not applicable
			rows[i] = r
		}
		if err := s.store.upsertRatings(ctx, tx, rows, "agreed_level"); err != nil {
			return err
		}
		now := database.Now()
		a.State, a.AgreedAt = Agreed, &now
		return nil
	})
}

func stateConflict(a *Assessment, action string) error {
	return httpx.Conflict(fmt.Sprintf("An assessment in state %q cannot be %s.", a.State, action))
}

// facts are what a change needs from other domains, read before its transaction opens: a transaction holds
// one connection, and asking the directory inside it would take a second one from the pool, which a burst of
// concurrent changes can exhaust while each waits for another.
type facts struct {
	teams        []uuid.UUID // the person's teams
	leads        []uuid.UUID // the leads of those teams
	competencies []uuid.UUID // of the assessment's framework version
}

// change is the frame of every change: load what the caller may see, check the version they edited, change,
// bump the version, audit — one transaction.
func (s *Service) change(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, action string,
	fn func(ctx context.Context, tx bun.Tx, a *Assessment, f facts) error) (*Assessment, error) {
	seen, teams, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	f := facts{teams: teams}
	if f.leads, err = s.directory.LeadsOf(ctx, teams); err != nil {
		return nil, err
	}
	if f.competencies, err = s.frameworks.CompetencyIDs(ctx, seen.FrameworkID); err != nil {
		return nil, err
	}
	var a *Assessment
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = s.store.get(ctx, tx, id); err != nil {
			return err
		}
		if a.Version != version {
			return httpx.StaleVersion()
		}
		if a.Ratings, err = s.store.ratings(ctx, tx, []uuid.UUID{a.ID}); err != nil {
			return err
		}
		before := *a
		if err := fn(ctx, tx, a, f); err != nil {
			return err
		}
		a.Version++
		a.UpdatedAt = database.Now()
		ok, err := s.store.update(ctx, tx, a, version)
		if err != nil {
			return err
		}
		if !ok {
			return httpx.StaleVersion()
		}
		if a.Ratings, err = s.store.ratings(ctx, tx, []uuid.UUID{a.ID}); err != nil {
			return err
		}
		before.Ratings = nil // ratings are in After; the head is enough to see the transition
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &a.PersonID, Action: action, Entity: "assessment", EntityID: a.ID, Before: before, After: a})
	})
	return a, err
}

// Query filters the assessment list.
type Query struct {
	PersonID string `query:"person_id" validate:"omitempty,uuid"`
	TeamID   string `query:"team_id" validate:"omitempty,uuid"`
	State    string `query:"state" validate:"omitempty,oneof=draft submitted reviewed returned agreed"`
	// Due narrows to assessments not agreed yet that were due before today (overdue) or are due within 30 days (soon).
	Due string `query:"due" validate:"omitempty,oneof=overdue soon"`
	// Led leaves out the caller's own assessments: the lead's review list.
	Led bool `query:"led"`
}

// List answers the caller's own assessments and, for a lead, the submitted ones of the teams they lead.
func (s *Service) List(ctx context.Context, p *auth.Principal, q Query, pr httpx.PageRequest) (httpx.Page[Assessment], error) {
	reach, err := s.directory.ReachOf(ctx, p, q.PersonID, q.TeamID)
	if err != nil {
		return httpx.Page[Assessment]{}, err
	}
	if q.Led {
		reach = reach.Led()
	}
	f := filter{Reach: reach, State: q.State, Due: q.Due, Today: today(), Limit: pr.Limit}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[Assessment]{}, err
		}
		f.AfterID = &after
	}
	rows, err := s.store.list(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Assessment]{}, err
	}
	page := httpx.NewPage(rows, pr.Limit, func(a Assessment) any { return a.ID })
	ids := make([]uuid.UUID, len(page.Items))
	idx := make(map[uuid.UUID]int, len(page.Items))
	for i := range page.Items {
		ids[i], idx[page.Items[i].ID], page.Items[i].Ratings = page.Items[i].ID, i, []Rating{}
	}
	ratings, err := s.store.ratings(ctx, s.db, ids)
	for _, r := range ratings {
		page.Items[idx[r.AssessmentID]].Ratings = append(page.Items[idx[r.AssessmentID]].Ratings, r)
	}
	return page, err
}
