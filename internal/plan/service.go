package plan

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

// Directory is what plans need to know about people: their teams, the leads of teams, and whose plans a
// caller's list reaches.
type Directory interface {
	TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error)
	LeadsOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error)
	ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (directory.Reach, error)
	Card(ctx context.Context, personID uuid.UUID) (*directory.Card, error)
}

// Frameworks is what plans need of the competency model: goals name competencies of the published version.
type Frameworks interface {
	CurrentPublished(ctx context.Context) (*framework.Framework, error)
	CompetencyIDs(ctx context.Context, frameworkID uuid.UUID) ([]uuid.UUID, error)
	Tree(ctx context.Context, p *auth.Principal, id uuid.UUID) (*framework.Tree, error)
}

// Levels is where plans read a person's agreed levels (the assessments), to print each goal's starting point.
type Levels interface {
	AgreedLevels(ctx context.Context, personID uuid.UUID) (map[uuid.UUID]*int, error)
}

// Service holds the plan rules. It works on any bun.IDB, so a caller may pass its transaction.
type Service struct {
	db         bun.IDB
	store      store
	directory  Directory
	frameworks Frameworks
	levels     Levels
}

// NewService wires the plan service to the directory, the competency model and the agreed levels.
func NewService(db bun.IDB, dir Directory, fw Frameworks, levels Levels) *Service {
	return &Service{db: db, directory: dir, frameworks: fw, levels: levels}
}

// MaxPeriod is the longest a plan may run: a plan is usually a year; two allow a longer programme.
const MaxPeriod = 2 // years

var errPlanNotFound = httpx.NotFound("No development plan has this identifier.")

// today is the day overdue actions are counted against.
func today() database.Date {
	now := database.Now()
	return database.NewDate(now.Year(), now.Month(), now.Day())
}

// CreateInput starts a plan; person_id defaults to the caller, and is only ever the caller.
type CreateInput struct {
	PersonID    string `json:"person_id" validate:"omitempty,uuid"`
	PeriodStart string `json:"period_start" validate:"required,datetime=2006-01-02"`
	PeriodEnd   string `json:"period_end" validate:"required,datetime=2006-01-02"`
	Note        string `json:"note" validate:"max=4000"`
}

// PlanPatch changes the period or the note of a plan the person is editing.
type PlanPatch struct {
	PeriodStart *string `json:"period_start" validate:"omitempty,datetime=2006-01-02"`
	PeriodEnd   *string `json:"period_end" validate:"omitempty,datetime=2006-01-02"`
	Note        *string `json:"note" validate:"omitempty,max=4000"`
}

// GoalInput adds a goal: a competency of the published model and the level to reach.
type GoalInput struct {
	CompetencyID string `json:"competency_id" validate:"required,uuid"`
	TargetLevel  int    `json:"target_level" validate:"required,min=1,max=4"`
	Reason       string `json:"reason" validate:"max=4000"`
}

// GoalPatch changes some fields of a goal.
type GoalPatch struct {
	CompetencyID *string `json:"competency_id" validate:"omitempty,uuid"`
	TargetLevel  *int    `json:"target_level" validate:"omitempty,min=1,max=4"`
	Reason       *string `json:"reason" validate:"omitempty,max=4000"`
}

// ActionInput adds an action, due within the plan's period and optionally serving one of its goals.
type ActionInput struct {
	Kind   string `json:"kind" validate:"required,oneof=course supervision mentoring shadowing self_study other"`
	Title  string `json:"title" validate:"required,max=300"`
	DueOn  string `json:"due_on" validate:"required,datetime=2006-01-02"`
	GoalID string `json:"goal_id" validate:"omitempty,uuid"`
}

// ActionPatch changes some fields of an action; goal_id "" unlinks it from its goal.
type ActionPatch struct {
	Kind   *string `json:"kind" validate:"omitempty,oneof=course supervision mentoring shadowing self_study other"`
	Title  *string `json:"title" validate:"omitempty,max=300"`
	DueOn  *string `json:"due_on" validate:"omitempty,datetime=2006-01-02"`
	GoalID *string `json:"goal_id" validate:"omitempty,len=0|uuid"`
}

// DoneInput says what shows an action was done (an attended course, a supervision record).
type DoneInput struct {
	Evidence string `json:"evidence" validate:"required,max=4000"`
}

// CommentInput is the lead's comment when approving (optional) or returning (required).
type CommentInput struct {
	Comment string `json:"comment" validate:"max=4000"`
}

// CloseInput is the short evaluation a plan is closed with.
type CloseInput struct {
	Evaluation string `json:"evaluation" validate:"required,max=4000"`
}

// Ref names what a change acts on: the plan, the item (goal or action) where there is one, and the plan's
// version the client saw.
type Ref struct {
	Plan    uuid.UUID
	Item    uuid.UUID
	Version int
}

// Create starts the caller's plan for a period as a draft.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in CreateInput) (*Plan, error) {
	personID := p.UserID
	if in.PersonID != "" {
		personID = uuid.MustParse(in.PersonID) // validated as a UUID by the binder
	}
	if !canCreate(p, personID) {
		if personID != p.UserID {
			return nil, httpx.Forbidden("A development plan is made by the person it belongs to.")
		}
		return nil, httpx.Forbidden("Only workers plan their development.")
	}
	start, end, err := period(in.PeriodStart, in.PeriodEnd)
	if err != nil {
		return nil, err
	}
	now := database.Now()
	pl := &Plan{ID: uuid.Must(uuid.NewV7()), PersonID: personID, PeriodStart: start, PeriodEnd: end, State: Draft,
		Version: 1, Note: strings.TrimSpace(in.Note), CreatedAt: now, UpdatedAt: now}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.noOverlap(ctx, tx, pl); err != nil {
			return err
		}
		if err := s.store.insert(ctx, tx, pl); err != nil {
			return err
		}
		var err error
		if pl, err = s.read(ctx, tx, pl.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &pl.PersonID, Action: "create", Entity: "plan", EntityID: pl.ID, After: pl})
	})
	if err != nil {
		return nil, err
	}
	return pl, nil
}

// period reads and checks a plan's period: it starts no later than it ends and runs at most MaxPeriod years.
func period(startText, endText string) (database.Date, database.Date, error) {
	start, err := database.ParseDate(startText)
	if err != nil {
		return start, start, httpx.FieldInvalid("period_start", "datetime", "Use a date as YYYY-MM-DD.")
	}
	end, err := database.ParseDate(endText)
	if err != nil {
		return start, end, httpx.FieldInvalid("period_end", "datetime", "Use a date as YYYY-MM-DD.")
	}
	if end.Before(start.Time) {
		return start, end, httpx.FieldInvalid("period_end", "order", "The period ends before it starts.")
	}
	if last := start.AddDate(MaxPeriod, 0, -1); end.After(last) {
		return start, end, httpx.FieldInvalid("period_end", "max",
			fmt.Sprintf("A plan runs at most %d years: end it by %s.", MaxPeriod, last.Format("2006-01-02")))
	}
	return start, end, nil
}

// noOverlap: one plan per person per period. The person's plans take turns (lockPerson), so two plans for the
// same days cannot both pass.
func (s *Service) noOverlap(ctx context.Context, tx bun.Tx, pl *Plan) error {
	if err := s.store.lockPerson(ctx, tx, pl.PersonID); err != nil {
		return err
	}
	other, err := s.store.overlapping(ctx, tx, pl.PersonID, pl.ID, pl.PeriodStart, pl.PeriodEnd)
	if err != nil || other == nil {
		return err
	}
	msg := fmt.Sprintf("There is already a plan for %s – %s; one plan covers each period.", other.PeriodStart, other.PeriodEnd)
	p := httpx.Conflict(msg)
	p.Errors = []httpx.FieldError{{Field: "period_start", Code: "overlap", Message: msg}}
	return p
}

// Get returns a plan the caller may see, with its goals and actions; any other is "not found".
func (s *Service) Get(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Plan, error) {
	teams, err := s.teamsOf(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.load(ctx, s.db, p, id, teams)
}

// teamsOf asks the directory for the teams of a plan's person. Changes ask before their transaction begins:
// the directory reads on a connection of its own, and a transaction that waits for a second connection while
// holding the first (and, on SQLite, the write lock) can wait on writers queued behind it.
func (s *Service) teamsOf(ctx context.Context, planID uuid.UUID) ([]uuid.UUID, error) {
	person, err := s.store.personOf(ctx, s.db, planID)
	if errors.Is(err, errNotFound) {
		return nil, errPlanNotFound
	} else if err != nil {
		return nil, err
	}
	return s.directory.TeamsOf(ctx, person)
}

// load reads a plan the caller may see, given its person's teams; any other is "not found".
func (s *Service) load(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID, teams []uuid.UUID) (*Plan, error) {
	pl, err := s.read(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if !canSee(p, pl, teams) {
		return nil, errPlanNotFound
	}
	return pl, nil
}

// read reads a plan with its goals and actions, whoever asks: the version, the person's name, the overdue counts.
func (s *Service) read(ctx context.Context, db bun.IDB, id uuid.UUID) (*Plan, error) {
	day := today()
	pl, err := s.store.get(ctx, db, id, day)
	if errors.Is(err, errNotFound) {
		return nil, errPlanNotFound
	} else if err != nil {
		return nil, err
	}
	plans := []Plan{*pl}
	if err := s.fill(ctx, db, plans, day); err != nil {
		return nil, err
	}
	return &plans[0], nil
}

// fill loads the goals and actions of some plans, one query each however many plans there are.
func (s *Service) fill(ctx context.Context, db bun.IDB, plans []Plan, day database.Date) error {
	ids := make([]uuid.UUID, len(plans))
	idx := make(map[uuid.UUID]int, len(plans))
	for i := range plans {
		ids[i], idx[plans[i].ID] = plans[i].ID, i
		plans[i].Goals, plans[i].Actions = []Goal{}, []Action{}
	}
	goals, err := s.store.goals(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, g := range goals {
		plans[idx[g.PlanID]].Goals = append(plans[idx[g.PlanID]].Goals, g)
	}
	actions, err := s.store.actions(ctx, db, ids, day)
	for _, a := range actions {
		plans[idx[a.PlanID]].Actions = append(plans[idx[a.PlanID]].Actions, a)
	}
	return err
}

// guard decides whether the caller may make a change to a plan in its present state: 403 or 409 otherwise.
type guard func(p *auth.Principal, pl *Plan, teams []uuid.UUID) error

// change is the frame of every change: load what the caller may see (404), let the guard decide (403, 409),
// check the version they edited (409), change, bump the version, audit — one transaction, so a refusal at any
// step leaves the plan as it was. Authorization comes before the version: a stale version is news only to those
// who may make the change. What other services know is read before the transaction (see teamsOf), so fn uses
// only the transaction.
func (s *Service) change(ctx context.Context, p *auth.Principal, r Ref, action string, may guard,
	fn func(ctx context.Context, tx bun.Tx, pl *Plan) error) (*Plan, error) {
	teams, err := s.teamsOf(ctx, r.Plan)
	if err != nil {
		return nil, err
	}
	var pl *Plan
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if pl, err = s.load(ctx, tx, p, r.Plan, teams); err != nil {
			return err
		}
		if err := may(p, pl, teams); err != nil {
			return err
		}
		if pl.Version != r.Version {
			return httpx.StaleVersion()
		}
		before := *pl
		before.Goals, before.Actions = slices.Clone(pl.Goals), slices.Clone(pl.Actions)
		if err := fn(ctx, tx, pl); err != nil {
			return err
		}
		pl.Version++
		pl.UpdatedAt = database.Now()
		ok, err := s.store.update(ctx, tx, pl, r.Version)
		if err != nil {
			return err
		}
		if !ok {
			return httpx.StaleVersion()
		}
		if pl, err = s.read(ctx, tx, pl.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &pl.PersonID, Action: action, Entity: "plan", EntityID: pl.ID, Before: before, After: pl})
	})
	if err != nil {
		return nil, err
	}
	return pl, nil
}

func stateConflict(pl *Plan, what string) error {
	return httpx.Conflict(fmt.Sprintf("A plan in state %q cannot be %s.", pl.State, what))
}

// edits: the person changes goals, actions and the period while the plan is theirs (a draft, or returned).
func edits(p *auth.Principal, pl *Plan, _ []uuid.UUID) error {
	if !isOwner(p, pl) {
		return httpx.Forbidden("Only the person the plan belongs to edits it.")
	}
	if !pl.editable() {
		return stateConflict(pl, "edited; only a draft or a returned plan can")
	}
	return nil
}

// decides: a lead of the person's team approves or returns a proposed plan; never the person themself.
func decides(p *auth.Principal, pl *Plan, teams []uuid.UUID) error {
	if isOwner(p, pl) {
		return httpx.Forbidden("Your own plan is approved by the lead of your team.")
	}
	if !canDecide(p, pl, teams) {
		return httpx.Forbidden("Only the lead of the person's team approves or returns the plan.")
	}
	if pl.State != Proposed {
		return stateConflict(pl, "approved or returned; only a proposed plan can")
	}
	return nil
}

// carriesOut: the person or their lead records progress on an approved plan and closes it.
func carriesOut(p *auth.Principal, pl *Plan, teams []uuid.UUID) error {
	if !canCarryOut(p, pl, teams) {
		return httpx.Forbidden("Only the person or the lead of their team records progress on the plan.")
	}
	if pl.State != Approved {
		return stateConflict(pl, "carried out; only an approved plan can")
	}
	return nil
}

// Update changes the period or the note. A new period must still hold every action and overlap no other plan.
func (s *Service) Update(ctx context.Context, p *auth.Principal, r Ref, in PlanPatch) (*Plan, error) {
	return s.change(ctx, p, r, "update", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		if in.Note != nil {
			pl.Note = strings.TrimSpace(*in.Note)
		}
		if in.PeriodStart == nil && in.PeriodEnd == nil {
			return nil
		}
		startText, endText := pl.PeriodStart.String(), pl.PeriodEnd.String()
		if in.PeriodStart != nil {
			startText = *in.PeriodStart
		}
		if in.PeriodEnd != nil {
			endText = *in.PeriodEnd
		}
		start, end, err := period(startText, endText)
		if err != nil {
			return err
		}
		var before, after int
		for _, a := range pl.Actions {
			if a.DueOn.Before(start.Time) {
				before++
			} else if a.DueOn.After(end.Time) {
				after++
			}
		}
		if before > 0 {
			return httpx.FieldInvalid("period_start", "actions", fmt.Sprintf("%d actions are due before %s; move them into the period first.", before, start))
		}
		if after > 0 {
			return httpx.FieldInvalid("period_end", "actions", fmt.Sprintf("%d actions are due after %s; move them into the period first.", after, end))
		}
		pl.PeriodStart, pl.PeriodEnd = start, end
		return s.noOverlap(ctx, tx, pl)
	})
}

// AddGoal adds a competency to develop.
func (s *Service) AddGoal(ctx context.Context, p *auth.Principal, r Ref, in GoalInput) (*Plan, error) {
	known, err := s.competencies(ctx)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, p, r, "add_goal", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		g := Goal{ID: uuid.Must(uuid.NewV7()), PlanID: pl.ID, CompetencyID: uuid.MustParse(in.CompetencyID),
			TargetLevel: in.TargetLevel, Reason: strings.TrimSpace(in.Reason)}
		if err := checkCompetency(known, pl, g); err != nil {
			return err
		}
		return s.store.insertItem(ctx, tx, &g)
	})
}

// UpdateGoal changes a goal's competency, target level or reason.
func (s *Service) UpdateGoal(ctx context.Context, p *auth.Principal, r Ref, in GoalPatch) (*Plan, error) {
	var known []uuid.UUID
	if in.CompetencyID != nil {
		var err error
		if known, err = s.competencies(ctx); err != nil {
			return nil, err
		}
	}
	return s.change(ctx, p, r, "update_goal", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		g, err := goalOf(pl, r.Item)
		if err != nil {
			return err
		}
		if in.CompetencyID != nil {
			g.CompetencyID = uuid.MustParse(*in.CompetencyID)
			if err := checkCompetency(known, pl, g); err != nil {
				return err
			}
		}
		if in.TargetLevel != nil {
			g.TargetLevel = *in.TargetLevel
		}
		if in.Reason != nil {
			g.Reason = strings.TrimSpace(*in.Reason)
		}
		return s.store.updateItem(ctx, tx, &g, "competency_id", "target_level", "reason")
	})
}

// DeleteGoal removes a goal; the actions that served it stay in the plan, unlinked.
func (s *Service) DeleteGoal(ctx context.Context, p *auth.Principal, r Ref) (*Plan, error) {
	return s.change(ctx, p, r, "delete_goal", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		g, err := goalOf(pl, r.Item)
		if err != nil {
			return err
		}
		return s.store.deleteItem(ctx, tx, &g)
	})
}

// competencies lists the competencies of the current published model, the ones goals may name.
func (s *Service) competencies(ctx context.Context) ([]uuid.UUID, error) {
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, err
	}
	return s.frameworks.CompetencyIDs(ctx, f.ID)
}

// checkCompetency: a goal names a competency of the current published model, and no other goal of the plan
// names it.
func checkCompetency(known []uuid.UUID, pl *Plan, g Goal) error {
	if !slices.Contains(known, g.CompetencyID) {
		return httpx.FieldInvalid("competency_id", "exists", "Not a competency of the current competency model.")
	}
	if slices.ContainsFunc(pl.Goals, func(o Goal) bool { return o.CompetencyID == g.CompetencyID && o.ID != g.ID }) {
		return httpx.FieldInvalid("competency_id", "unique", "This plan already has a goal for this competency.")
	}
	return nil
}

func goalOf(pl *Plan, id uuid.UUID) (Goal, error) {
	i := slices.IndexFunc(pl.Goals, func(g Goal) bool { return g.ID == id })
	if i < 0 {
		return Goal{}, httpx.NotFound("This plan has no goal with this identifier.")
	}
	return pl.Goals[i], nil
}

func actionOf(pl *Plan, id uuid.UUID) (Action, error) {
	i := slices.IndexFunc(pl.Actions, func(a Action) bool { return a.ID == id })
	if i < 0 {
		return Action{}, httpx.NotFound("This plan has no action with this identifier.")
	}
	return pl.Actions[i], nil
}

// AddAction adds a step of the plan.
func (s *Service) AddAction(ctx context.Context, p *auth.Principal, r Ref, in ActionInput) (*Plan, error) {
	return s.change(ctx, p, r, "add_action", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		a := Action{ID: uuid.Must(uuid.NewV7()), PlanID: pl.ID, Kind: in.Kind}
		if err := setAction(pl, &a, ActionPatch{Title: &in.Title, DueOn: &in.DueOn, GoalID: &in.GoalID}); err != nil {
			return err
		}
		return s.store.insertItem(ctx, tx, &a)
	})
}

// UpdateAction changes an action's kind, title, due day or goal.
func (s *Service) UpdateAction(ctx context.Context, p *auth.Principal, r Ref, in ActionPatch) (*Plan, error) {
	return s.change(ctx, p, r, "update_action", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		a, err := actionOf(pl, r.Item)
		if err != nil {
			return err
		}
		if in.Kind != nil {
			a.Kind = *in.Kind
		}
		if err := setAction(pl, &a, in); err != nil {
			return err
		}
		return s.store.updateItem(ctx, tx, &a, "kind", "title", "due_on", "goal_id")
	})
}

// setAction applies the title, due day and goal of a patch: the title is not blank, the day lies within the
// plan's period, the goal is one of this plan's.
func setAction(pl *Plan, a *Action, in ActionPatch) error {
	if in.Title != nil {
		if a.Title = strings.TrimSpace(*in.Title); a.Title == "" {
			return httpx.FieldInvalid("title", "required", "Name the action.")
		}
	}
	if in.DueOn != nil {
		a.DueOn, _ = database.ParseDate(*in.DueOn) // validated as a date by the binder
		if a.DueOn.Before(pl.PeriodStart.Time) || a.DueOn.After(pl.PeriodEnd.Time) {
			return httpx.FieldInvalid("due_on", "period",
				fmt.Sprintf("An action is due within the plan's period, %s to %s.", pl.PeriodStart, pl.PeriodEnd))
		}
	}
	if in.GoalID != nil {
		a.GoalID = nil
		if *in.GoalID != "" {
			g, err := goalOf(pl, uuid.MustParse(*in.GoalID))
			if err != nil {
				return httpx.FieldInvalid("goal_id", "exists", "Not a goal of this plan.")
			}
			a.GoalID = &g.ID
		}
	}
	return nil
}

// DeleteAction removes a step of the plan.
func (s *Service) DeleteAction(ctx context.Context, p *auth.Principal, r Ref) (*Plan, error) {
	return s.change(ctx, p, r, "delete_action", edits, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		a, err := actionOf(pl, r.Item)
		if err != nil {
			return err
		}
		return s.store.deleteItem(ctx, tx, &a)
	})
}

// Done marks an action of an approved plan done, with what shows it.
func (s *Service) Done(ctx context.Context, p *auth.Principal, r Ref, in DoneInput) (*Plan, error) {
	return s.change(ctx, p, r, "action_done", carriesOut, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		a, err := actionOf(pl, r.Item)
		if err != nil {
			return err
		}
		if a.DoneAt != nil {
			return httpx.Conflict("This action is already done; undo that first to record other evidence.")
		}
		if a.Evidence = strings.TrimSpace(in.Evidence); a.Evidence == "" {
			return httpx.FieldInvalid("evidence", "required", "Say what shows the action was done.")
		}
		now := database.Now()
		a.DoneAt, a.DoneBy = &now, &p.UserID
		return s.store.updateItem(ctx, tx, &a, "done_at", "done_by", "evidence")
	})
}

// Undone takes back a mistaken "done" while the plan is still approved; once it is closed, nothing changes.
func (s *Service) Undone(ctx context.Context, p *auth.Principal, r Ref) (*Plan, error) {
	return s.change(ctx, p, r, "action_undone", carriesOut, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		a, err := actionOf(pl, r.Item)
		if err != nil {
			return err
		}
		if a.DoneAt == nil {
			return httpx.Conflict("This action is not done.")
		}
		a.DoneAt, a.DoneBy, a.Evidence = nil, nil, ""
		return s.store.updateItem(ctx, tx, &a, "done_at", "done_by", "evidence")
	})
}

// Propose hands the plan to the leads of the person's teams; it needs at least one goal and one action.
func (s *Service) Propose(ctx context.Context, p *auth.Principal, r Ref) (*Plan, error) {
	proposes := func(p *auth.Principal, pl *Plan, teams []uuid.UUID) error {
		if !isOwner(p, pl) {
			return httpx.Forbidden("Only the person the plan belongs to proposes it.")
		}
		if !pl.editable() {
			return stateConflict(pl, "proposed; only a draft or a returned plan can")
		}
		return nil
	}
	leads, err := s.leadsOf(ctx, r.Plan)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, p, r, "propose", proposes, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		var errs []httpx.FieldError
		if len(pl.Goals) == 0 {
			errs = append(errs, httpx.FieldError{Field: "goals", Code: "required", Message: "Add at least one goal: a competency to develop."})
		}
		if len(pl.Actions) == 0 {
			errs = append(errs, httpx.FieldError{Field: "actions", Code: "required", Message: "Add at least one action that leads to the goals."})
		}
		if len(errs) > 0 {
			return httpx.Invalid(errs...)
		}
		pl.State = Proposed
		return notifyLeads(ctx, tx, p, pl, leads)
	})
}

// Approve is the lead's consent to the plan, with an optional comment.
func (s *Service) Approve(ctx context.Context, p *auth.Principal, r Ref, in CommentInput) (*Plan, error) {
	return s.change(ctx, p, r, "approve", decides, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		now := database.Now()
		pl.State, pl.ApprovedBy, pl.ApprovedAt, pl.LeadComment = Approved, &p.UserID, &now, strings.TrimSpace(in.Comment)
		return notifyPerson(ctx, tx, p, pl, notification.PlanApproved)
	})
}

// Return sends a proposed plan back to the person with the lead's comment on what to change.
func (s *Service) Return(ctx context.Context, p *auth.Principal, r Ref, in CommentInput) (*Plan, error) {
	return s.change(ctx, p, r, "return", decides, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		comment := strings.TrimSpace(in.Comment)
		if comment == "" {
			return httpx.FieldInvalid("comment", "required", "Say what the person should change.")
		}
		pl.State, pl.LeadComment = Returned, comment
		return notifyPerson(ctx, tx, p, pl, notification.PlanReturned)
	})
}

// Close ends an approved plan with a short evaluation; a closed plan never changes.
func (s *Service) Close(ctx context.Context, p *auth.Principal, r Ref, in CloseInput) (*Plan, error) {
	return s.change(ctx, p, r, "close", carriesOut, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		if pl.Evaluation = strings.TrimSpace(in.Evaluation); pl.Evaluation == "" {
			return httpx.FieldInvalid("evaluation", "required", "Evaluate the plan in a few sentences.")
		}
		now := database.Now()
		pl.State, pl.ClosedAt = Closed, &now
		return nil
	})
}

// Query filters the plan list.
type Query struct {
	PersonID string `query:"person_id" validate:"omitempty,uuid"`
	TeamID   string `query:"team_id" validate:"omitempty,uuid"`
	State    string `query:"state" validate:"omitempty,oneof=draft proposed approved returned closed"`
	Overdue  string `query:"overdue" validate:"omitempty,oneof=true false"`
}

// List answers the caller's own plans and, for a lead, the proposed and later plans of the teams they lead.
func (s *Service) List(ctx context.Context, p *auth.Principal, q Query, pr httpx.PageRequest) (httpx.Page[Plan], error) {
	reach, err := s.directory.ReachOf(ctx, p, q.PersonID, q.TeamID)
	if err != nil {
		return httpx.Page[Plan]{}, err
	}
	f := filter{Reach: reach, State: q.State, Overdue: q.Overdue == "true", Today: today(), Limit: pr.Limit}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[Plan]{}, err
		}
		f.AfterID = &after
	}
	rows, err := s.store.list(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Plan]{}, err
	}
	page := httpx.NewPage(rows, pr.Limit, func(pl Plan) any { return pl.ID })
	return page, s.fill(ctx, s.db, page.Items, f.Today)
}
