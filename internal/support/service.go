package support

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Directory is what the support log needs to know about people: whom a caller leads.
type Directory interface {
	ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (directory.Reach, error)
}

// Service holds the rules of the support log. It works on any bun.IDB.
type Service struct {
	db        bun.IDB
	store     store
	directory Directory
}

// NewService wires the support log to the directory.
func NewService(db bun.IDB, dir Directory) *Service { return &Service{db: db, directory: dir} }

// prague is the zone of the days entries are logged on.
var prague = database.Prague

func today() database.Date {
	now := database.Now().In(prague)
	return database.NewDate(now.Year(), now.Month(), now.Day())
}

// apply sets the patch's fields on an entry and checks what the tags cannot: the day neither in the future nor
// more than five years back. A plan action is parsed here and its owner checked by the caller.
func apply(e *Entry, in Patch) error {
	if err := httpx.Check(in); err != nil {
		return err
	}
	if in.Date != nil {
		e.Date, _ = database.ParseDate(*in.Date) // the shape was validated
		switch day := today(); {
		case e.Date.After(day.Time):
			return httpx.FieldInvalid("date", "future", "Log support once it has taken place.")
		case e.Date.Before(day.AddDate(-yearsOfPast, 0, 0)):
			return httpx.FieldInvalid("date", "range", fmt.Sprintf("Support is logged at most %d years back.", yearsOfPast))
		}
	}
	if in.Minutes != nil {
		e.Minutes = *in.Minutes
	}
	if in.Kind != nil {
		e.Kind = *in.Kind
	}
	if in.Note != nil {
		e.Note = strings.TrimSpace(*in.Note)
	}
	if in.PlanActionID != nil {
		e.PlanActionID = nil
		if *in.PlanActionID != "" {
			id, err := uuid.Parse(*in.PlanActionID)
			if err != nil {
				return httpx.FieldInvalid("plan_action_id", "uuid", "This is not an identifier of a plan action.")
			}
			e.PlanActionID = &id
		}
	}
	return nil
}

// checkAction refuses a plan action that is not of one of the person's own plans. It reads before any
// transaction.
func (s *Service) checkAction(ctx context.Context, e *Entry) error {
	if e.PlanActionID == nil {
		return nil
	}
	ok, err := s.store.ownsAction(ctx, s.db, e.PersonID, *e.PlanActionID)
	if err != nil {
		return err
	}
	if !ok {
		return httpx.FieldInvalid("plan_action_id", "not_found", "No action of your plans has this identifier.")
	}
	return nil
}

// auditable is an entry as the audit log keeps it: without the note, which is the worker's alone.
func auditable(e *Entry) *Entry {
	c := *e
	c.Note = ""
	return &c
}

// Create logs an entry for the caller.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (*Entry, error) {
	if err := mayLog(p); err != nil {
		return nil, err
	}
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	now := database.Now()
	e := &Entry{ID: uuid.Must(uuid.NewV7()), PersonID: p.UserID, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := apply(e, Patch{Date: &in.Date, Minutes: &in.Minutes, Kind: &in.Kind, Note: &in.Note, PlanActionID: &in.PlanActionID}); err != nil {
		return nil, err
	}
	if err := s.checkAction(ctx, e); err != nil {
		return nil, err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.insert(ctx, tx, e); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "create", Entity: "support_entry", EntityID: e.ID, After: auditable(e)})
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// own reads an entry of the caller's; anyone else's is 404.
func (s *Service) own(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID) (*Entry, error) {
	e, err := s.store.entry(ctx, db, id)
	if errors.Is(err, errNotFound) || err == nil && e.PersonID != p.UserID {
		return nil, errEntryNotFound
	}
	return e, err
}

// Get reads one of the caller's entries.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Entry, error) {
	return s.own(ctx, s.db, p, id)
}

// Update changes one of the caller's entries from the version they saw.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in Patch) (*Entry, error) {
	before, err := s.own(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	e := new(Entry)
	*e = *before
	if err := apply(e, in); err != nil {
		return nil, err
	}
	if in.PlanActionID != nil {
		if err := s.checkAction(ctx, e); err != nil {
			return nil, err
		}
	}
	e.Version, e.UpdatedAt = version+1, database.Now()
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.update(ctx, tx, e, version); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "update", Entity: "support_entry", EntityID: e.ID, Before: auditable(before), After: auditable(e)})
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Delete removes one of the caller's entries.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id uuid.UUID) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.own(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := s.store.delete(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "delete", Entity: "support_entry", EntityID: id, Before: auditable(before)})
	})
}

// List lists the caller's entries, newest day first.
func (s *Service) List(ctx context.Context, p *auth.Principal, q Query, pr httpx.PageRequest) (httpx.Page[Entry], error) {
	f := filter{PersonID: p.UserID, From: q.From, To: q.To, Kind: q.Kind, Limit: pr.Limit}
	if pr.Cursor != nil {
		f.After = new(listCursor)
		if err := pr.DecodeCursor(f.After); err != nil {
			return httpx.Page[Entry]{}, err
		}
	}
	rows, err := s.store.list(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Entry]{}, fmt.Errorf("support log: %w", err)
	}
	return httpx.NewPage(rows, pr.Limit, func(e Entry) any { return listCursor{Date: e.Date.String(), ID: e.ID} }), nil
}

// year reads the summary's year: from 2000 to this one, this one when absent.
func (q SummaryQuery) year(day database.Date) (int, error) {
	if q.Year == "" {
		return day.Year(), nil
	}
	y, _ := strconv.Atoi(q.Year) // four digits, validated
	if y < 2000 || y > day.Year() {
		return 0, httpx.FieldInvalid("year", "range", "The year is between 2000 and this year.")
	}
	return y, nil
}

// hours are minutes as hours to two decimals.
func hours(minutes int) float64 { return math.Round(float64(minutes)/60*100) / 100 }

// Summary sums hours by person and kind in a calendar year: the caller's own, a person's or a team's members'
// (for a lead of their teams). Notes are never read.
func (s *Service) Summary(ctx context.Context, p *auth.Principal, q SummaryQuery) (*Summary, error) {
	year, err := q.year(today())
	if err != nil {
		return nil, err
	}
	reach, err := s.directory.ReachOf(ctx, p, q.PersonID, q.TeamID)
	if err != nil {
		return nil, err
	}
	people, err := whoseTotals(p, q, reach)
	if err != nil {
		return nil, err
	}
	out := &Summary{Year: year, People: []PersonTotals{}}
	if len(people) == 0 {
		return out, nil
	}
	rows, err := s.store.minutes(ctx, s.db, people, database.NewDate(year, time.January, 1), database.NewDate(year, time.December, 31))
	if err != nil {
		return nil, fmt.Errorf("support summary: %w", err)
	}
	for _, r := range rows {
		if n := len(out.People); n == 0 || out.People[n-1].PersonID != r.PersonID {
			t := PersonTotals{PersonID: r.PersonID, PersonName: r.PersonName, Kinds: make([]KindTotal, len(Kinds))}
			for i, k := range Kinds {
				t.Kinds[i] = KindTotal{Kind: k}
			}
			out.People = append(out.People, t)
		}
		t := &out.People[len(out.People)-1]
		for i := range t.Kinds {
			if r.Kind != nil && t.Kinds[i].Kind == *r.Kind {
				t.Kinds[i].Minutes, t.Kinds[i].Hours = r.Minutes, hours(r.Minutes)
			}
		}
		t.TotalMinutes += r.Minutes
		t.TotalHours = hours(t.TotalMinutes)
	}
	return out, nil
}
