package supervision

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
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Directory is what supervision needs to know about people: a team with its members, and whether someone is a
// supervisor.
type Directory interface {
	Team(ctx context.Context, p *auth.Principal, id uuid.UUID) (*directory.Team, error)
	Holds(ctx context.Context, personID uuid.UUID, role auth.Role) (bool, error)
	Holders(ctx context.Context, role auth.Role) ([]directory.Named, error)
	InviteSupervisor(ctx context.Context, p *auth.Principal, in directory.InviteInput) (*directory.Invited, error)
}

// Supervisors are the people a lead may name as a session's supervisor.
type Supervisors struct {
	Items []directory.Named `json:"items"`
}

// Supervisors lists the supervisors, for whoever plans supervision (a lead).
func (s *Service) Supervisors(ctx context.Context, p *auth.Principal) (*Supervisors, error) {
	if len(p.LedTeams()) == 0 {
		return nil, httpx.Forbidden("Only leads plan supervision.")
	}
	items, err := s.directory.Holders(ctx, auth.Supervisor)
	return &Supervisors{Items: items}, err
}

// Service holds the supervision rules. It works on any bun.IDB.
type Service struct {
	db        bun.IDB
	store     store
	directory Directory
	sealer    sealer
}

// NewService wires supervision to the directory; notesKey (32 bytes, config NotesKey) seals the private notes.
func NewService(db bun.IDB, dir Directory, notesKey []byte) (*Service, error) {
	sl, err := newSealer(notesKey)
	return &Service{db: db, directory: dir, sealer: sl}, err
}

var (
	errSessionNotFound = httpx.NotFound("No supervision session has this identifier.")
	errStale           = errors.New("stale")
)

// MaxLength is the longest a session may last.
const MaxLength = 8 * time.Hour

// PlanInput plans a session, or with rrule a series of them.
type PlanInput struct {
	TeamID         string   `json:"team_id" validate:"required,uuid"`
	Kind           string   `json:"kind" validate:"required,oneof=individual group team case"`
	SupervisorID   string   `json:"supervisor_id" validate:"required,uuid"`
	ParticipantIDs []string `json:"participant_ids" validate:"omitempty,max=100,dive,uuid"`
	StartsAt       string   `json:"starts_at" validate:"required,max=40"`
	EndsAt         string   `json:"ends_at" validate:"required,max=40"`
	Place          string   `json:"place" validate:"max=300"`
	RRule          string   `json:"rrule" validate:"max=300"`
}

// Plan is what one planning created: a session, or every session of a series.
type Plan struct {
	SeriesID *uuid.UUID `json:"series_id"`
	Items    []Session  `json:"items"`
}

// times reads a start and an end: RFC 3339, the end after the start, at most MaxLength apart.
func times(startsAt, endsAt string) (time.Time, time.Time, error) {
	var bad []httpx.FieldError
	parse := func(field, v string) time.Time {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			bad = append(bad, httpx.FieldError{Field: field, Code: "datetime", Message: "Use an RFC 3339 time, e.g. 2027-03-02T09:00:00+01:00."})
		}
		return t.UTC()
	}
	start, end := parse("starts_at", startsAt), parse("ends_at", endsAt)
	switch {
	case len(bad) > 0:
	case !end.After(start):
		bad = append(bad, httpx.FieldError{Field: "ends_at", Code: "order", Message: "The session ends before it starts."})
	case end.Sub(start) > MaxLength:
		bad = append(bad, httpx.FieldError{Field: "ends_at", Code: "max", Message: "A session lasts at most 8 hours."})
	}
	if len(bad) > 0 {
		return start, end, httpx.Invalid(bad...)
	}
	return start, end, nil
}

// participants checks who takes part: members of the team only; a team session is the whole team, an individual
// one exactly one person, a group or case one at least one.
func participants(kind string, team *directory.Team, ids []string) ([]Participant, error) {
	members := map[uuid.UUID]bool{}
	for _, m := range team.Members {
		members[m.ID] = true
	}
	var out []Participant
	var bad []httpx.FieldError
	for i, s := range ids {
		id := uuid.MustParse(s) // validated
		switch {
		case !members[id]:
			bad = append(bad, httpx.FieldError{Field: fmt.Sprintf("participant_ids[%d]", i), Code: "member", Message: "Not a member of the team."})
		case slices.ContainsFunc(out, func(p Participant) bool { return p.PersonID == id }):
			bad = append(bad, httpx.FieldError{Field: fmt.Sprintf("participant_ids[%d]", i), Code: "unique", Message: "Named twice."})
		default:
			out = append(out, Participant{PersonID: id})
		}
	}
	if kind == "team" && len(ids) == 0 {
		for _, m := range team.Members {
			out = append(out, Participant{PersonID: m.ID})
		}
	}
	switch {
	case len(bad) > 0:
	case kind == "individual" && len(out) != 1:
		bad = append(bad, httpx.FieldError{Field: "participant_ids", Code: "individual", Message: "Individual supervision is for exactly one person."})
	case len(out) == 0:
		bad = append(bad, httpx.FieldError{Field: "participant_ids", Code: "required", Message: "Name who takes part."})
	}
	if len(bad) > 0 {
		return nil, httpx.Invalid(bad...)
	}
	return out, nil
}

// Plan plans a session, or a series by its rule, for a team the caller leads, in one transaction.
func (s *Service) Plan(ctx context.Context, p *auth.Principal, in PlanInput) (*Plan, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	team, err := s.directory.Team(ctx, p, uuid.MustParse(in.TeamID))
	if err != nil {
		return nil, err
	}
	if !plans(p, team.ID) {
		return nil, httpx.Forbidden("Only the team's leads plan its supervision.")
	}
	start, end, err := times(in.StartsAt, in.EndsAt)
	if err != nil {
		return nil, err
	}
	people, err := participants(in.Kind, team, in.ParticipantIDs)
	if err != nil {
		return nil, err
	}
	supervisor := uuid.MustParse(in.SupervisorID)
	if ok, err := s.directory.Holds(ctx, supervisor, auth.Supervisor); err != nil {
		return nil, err
	} else if !ok {
		return nil, httpx.FieldInvalid("supervisor_id", "supervisor", "This person is not a supervisor.")
	}
	starts := []time.Time{start}
	if strings.TrimSpace(in.RRule) != "" {
		if starts, err = expand(in.RRule, start); err != nil {
			return nil, err
		}
	}
	now := database.Now()
	out := &Plan{Items: make([]Session, 0, len(starts))}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if len(starts) > 1 || in.RRule != "" {
			se := &series{ID: uuid.Must(uuid.NewV7()), TeamID: team.ID, RRule: strings.TrimPrefix(strings.TrimSpace(in.RRule), "RRULE:"), CreatedBy: p.UserID, CreatedAt: now}
			if _, err := tx.NewInsert().Model(se).Exec(ctx); err != nil {
				return err
			}
			out.SeriesID = &se.ID
		}
		for _, at := range starts {
			ss := &Session{ID: uuid.Must(uuid.NewV7()), SeriesID: out.SeriesID, TeamID: team.ID, Kind: in.Kind, SupervisorID: supervisor,
				StartsAt: at, EndsAt: at.Add(end.Sub(start)), Place: strings.TrimSpace(in.Place), Status: Planned,
				CreatedBy: p.UserID, Version: 1, CreatedAt: now, UpdatedAt: now, Participants: slices.Clone(people)}
			if err := s.store.insert(ctx, tx, ss); err != nil {
				return err
			}
			read, err := s.store.session(ctx, tx, ss.ID)
			if err != nil {
				return err
			}
			out.Items = append(out.Items, *read)
		}
		if err := audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "plan", Entity: "supervision", EntityID: out.Items[0].ID, After: out}); err != nil {
			return err
		}
		return notifyAll(ctx, tx, p, out.Items, KindPlanned)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Session returns a session the caller may see, with whether they have a note on it.
func (s *Service) Session(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Session, error) {
	ss, err := s.visible(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	if takesPart(p.UserID, ss) {
		_, err := s.store.note(ctx, s.db, id, p.UserID)
		ss.HasNote = err == nil
		if err != nil && !errors.Is(err, errNotFound) {
			return nil, err
		}
	}
	return ss, nil
}

func (s *Service) visible(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID) (*Session, error) {
	ss, err := s.store.session(ctx, db, id)
	if errors.Is(err, errNotFound) || err == nil && !canSee(p, ss) {
		return nil, errSessionNotFound
	}
	return ss, err
}

// SessionQuery filters the list.
type SessionQuery struct {
	From   string `query:"from" validate:"omitempty,datetime=2006-01-02"`
	To     string `query:"to" validate:"omitempty,datetime=2006-01-02"`
	TeamID string `query:"team_id" validate:"omitempty,uuid"`
	Status string `query:"status" validate:"omitempty,oneof=planned held cancelled"`
	// Unconfirmed: sessions that have ended, still planned (for the supervisor to confirm).
	Unconfirmed bool `query:"unconfirmed"`
}

type sessionCursor struct {
	StartsAt time.Time `json:"s"`
	ID       uuid.UUID `json:"i"`
}

// Sessions lists the sessions the caller may see, by start: those of the teams they lead, those they run as the
// supervisor and those they take part in.
func (s *Service) Sessions(ctx context.Context, p *auth.Principal, q SessionQuery, pr httpx.PageRequest) (httpx.Page[Session], error) {
	var after sessionCursor
	if err := pr.DecodeCursor(&after); err != nil {
		return httpx.Page[Session]{}, err
	}
	var rows []Session
	// The three ways in, each by its own index, rather than one OR that makes PostgreSQL walk every session since
	// the start day checking each (a quarter of a second per calendar feed at national scale).
	mine := "SELECT id FROM supervision_sessions WHERE supervisor_id = ?0 UNION ALL SELECT session_id FROM supervision_participants WHERE person_id = ?0"
	if led := p.LedTeams(); len(led) > 0 {
		mine += " UNION ALL SELECT id FROM supervision_sessions WHERE team_id IN (?1)"
	}
	sel := sessionsQuery(s.db, &rows).Where("ss.id IN ("+mine+")", p.UserID, bun.In(p.LedTeams()))
	if q.From != "" {
		from, _ := time.ParseInLocation(time.DateOnly, q.From, prague)
		sel = sel.Where("ss.starts_at >= ?", from.UTC())
	}
	if q.To != "" {
		to, _ := time.ParseInLocation(time.DateOnly, q.To, prague)
		sel = sel.Where("ss.starts_at < ?", to.AddDate(0, 0, 1).UTC())
	}
	if q.TeamID != "" {
		sel = sel.Where("ss.team_id = ?", uuid.MustParse(q.TeamID))
	}
	if q.Status != "" {
		sel = sel.Where("ss.status = ?", q.Status)
	}
	if q.Unconfirmed {
		sel = sel.Where("ss.status = ? AND ss.ends_at <= ?", Planned, database.Now())
	}
	if pr.Cursor != nil {
		sel = sel.Where("(ss.starts_at > ? OR (ss.starts_at = ? AND ss.id > ?))", after.StartsAt, after.StartsAt, after.ID)
	}
	if err := sel.OrderExpr("ss.starts_at, ss.id").Limit(int64(pr.Limit) + 1).Scan(ctx); err != nil {
		return httpx.Page[Session]{}, err
	}
	page := httpx.NewPage(rows, pr.Limit, func(x Session) any { return sessionCursor{x.StartsAt, x.ID} })
	return page, fill(ctx, s.db, page.Items)
}
