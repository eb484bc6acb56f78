package training

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
)

var errSessionNotFound = httpx.NotFound("No session has this identifier.")

// SessionPatch changes some fields of a session. Times are RFC 3339 (any offset; stored and answered in UTC).
// status sets planned (announced, no registrations yet), open (taking registrations; full follows from the seats)
// or held; cancelling has its own endpoint, because it tells everyone registered.
type SessionPatch struct {
	StartsAt             *string `json:"starts_at" validate:"omitempty,max=40"`
	EndsAt               *string `json:"ends_at" validate:"omitempty,max=40"`
	Place                *string `json:"place" validate:"omitempty,max=300"`
	OnlineURL            *string `json:"online_url" validate:"omitempty,max=1000"` // "" clears it; else a URL
	Capacity             *int    `json:"capacity" validate:"omitempty,min=1,max=10000"`
	RegistrationDeadline *string `json:"registration_deadline" validate:"omitempty,max=40"`
	Price                *int    `json:"price" validate:"omitempty,min=0,max=10000000"`
	Status               *string `json:"status" validate:"omitempty,oneof=planned open held"`
}

// SessionInput adds a session to a course; the registration deadline defaults to the start, the status to open.
type SessionInput struct {
	StartsAt             *string `json:"starts_at" validate:"required,max=40"`
	EndsAt               *string `json:"ends_at" validate:"required,max=40"`
	Place                *string `json:"place" validate:"omitempty,max=300"`
	OnlineURL            *string `json:"online_url" validate:"omitempty,max=1000"` // "" clears it; else a URL
	Capacity             *int    `json:"capacity" validate:"required,min=1,max=10000"`
	RegistrationDeadline *string `json:"registration_deadline" validate:"omitempty,max=40"`
	Price                *int    `json:"price" validate:"omitempty,min=0,max=10000000"`
	Status               *string `json:"status" validate:"omitempty,oneof=planned open"`
}

func (in SessionInput) patch() SessionPatch {
	p := SessionPatch{StartsAt: in.StartsAt, EndsAt: in.EndsAt, Place: in.Place, OnlineURL: in.OnlineURL, Capacity: in.Capacity,
		RegistrationDeadline: in.RegistrationDeadline, Price: in.Price, Status: in.Status}
	if p.RegistrationDeadline == nil {
		p.RegistrationDeadline = in.StartsAt
	}
	if p.Status == nil {
		open := Open
		p.Status = &open
	}
	return p
}

// applySession applies a patch to a session and checks the result as a whole: it ends after it starts, the
// deadline is no later than the start, it has a place or a link, and the seats hold everyone confirmed.
func applySession(se *Session, in SessionPatch) error {
	var errs []httpx.FieldError
	bad := func(field, code, msg string) {
		errs = append(errs, httpx.FieldError{Field: field, Code: code, Message: msg})
	}
	for _, t := range []struct {
		field string
		in    *string
		out   *time.Time
	}{{"starts_at", in.StartsAt, &se.StartsAt}, {"ends_at", in.EndsAt, &se.EndsAt}, {"registration_deadline", in.RegistrationDeadline, &se.RegistrationDeadline}} {
		if t.in == nil {
			continue
		}
		v, err := time.Parse(time.RFC3339, *t.in)
		if err != nil {
			bad(t.field, "datetime", "Use an RFC 3339 time, e.g. 2027-03-01T09:00:00+01:00.")
			continue
		}
		*t.out = v.UTC()
	}
	if in.Place != nil {
		se.Place = strings.TrimSpace(*in.Place)
		se.PlaceSearch = database.Fold(se.Place)
	}
	if in.OnlineURL != nil {
		se.OnlineURL = strings.TrimSpace(*in.OnlineURL)
		if u, err := url.Parse(se.OnlineURL); se.OnlineURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
			bad("online_url", "url", "Give the full address of the online session, e.g. https://meet.example.cz/kurz.")
		}
	}
	if in.Capacity != nil {
		se.Capacity = *in.Capacity
	}
	if in.Price != nil {
		se.Price = *in.Price
	}
	if in.Status != nil {
		se.Status = *in.Status
	}
	if len(errs) == 0 {
		if !se.EndsAt.After(se.StartsAt) {
			bad("ends_at", "order", "The session ends before it starts.")
		}
		if se.RegistrationDeadline.After(se.StartsAt) {
			bad("registration_deadline", "order", "Registration closes no later than the session starts.")
		}
	}
	if se.Place == "" && se.OnlineURL == "" {
		bad("place", "required", "Say where the session takes place, or give its online link.")
	}
	if in.Status != nil && se.Status == Held && database.Now().Before(se.StartsAt) {
		bad("status", "held", "A session is held once it has started.")
	}
	if se.Capacity < se.Confirmed {
		bad("capacity", "min", "More people are confirmed than this many seats; cancel registrations first.")
	}
	if len(errs) > 0 {
		return httpx.Invalid(errs...)
	}
	return nil
}

// CreateSession adds a session to a course of the caller's provider.
func (s *Service) CreateSession(ctx context.Context, p *auth.Principal, courseID uuid.UUID, in SessionInput) (*Session, error) {
	var se *Session
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := s.readCourse(ctx, tx, courseID)
		if err != nil {
			return err
		}
		if err := mayChange(p, c.ProviderID, c.Published, errCourseNotFound); err != nil {
			return err
		}
		now := database.Now()
		se = &Session{ID: uuid.Must(uuid.NewV7()), CourseID: c.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := applySession(se, in.patch()); err != nil {
			return err
		}
		if err := s.store.insertSession(ctx, tx, se); err != nil {
			return err
		}
		if se, err = s.store.session(ctx, tx, se.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "create", Entity: "session", EntityID: se.ID, After: se})
	})
	if err != nil {
		return nil, err
	}
	return se, nil
}

// Session returns a session of a course the caller may see.
func (s *Service) Session(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Session, error) {
	se, err := s.readSession(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !canSeeCourse(p, se.ProviderID, se.Published) {
		return nil, errSessionNotFound
	}
	return se, nil
}

func (s *Service) readSession(ctx context.Context, db bun.IDB, id uuid.UUID) (*Session, error) {
	se, err := s.store.session(ctx, db, id)
	if errors.Is(err, errNotFound) {
		return nil, errSessionNotFound
	}
	return se, err
}

// changeSession is the frame of a provider's change to a session: lock it (registrations wait), load it, let
// only its provider change it (404/403), check the version they edited (409), change, settle the seats, bump the
// version, audit — one transaction.
func (s *Service) changeSession(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, action string,
	fn func(ctx context.Context, tx bun.Tx, se *Session) error) (*Session, error) {
	var se *Session
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lockSession(ctx, tx, id); err != nil {
			return err
		}
		var err error
		if se, err = s.readSession(ctx, tx, id); err != nil {
			return err
		}
		if err := mayChange(p, se.ProviderID, se.Published, errSessionNotFound); err != nil {
			return err
		}
		if se.Version != version {
			return httpx.StaleVersion()
		}
		if se.Status == Cancelled {
			return httpx.Conflict("A cancelled session does not change.")
		}
		before := *se
		if err := fn(ctx, tx, se); err != nil {
			return err
		}
		if err := s.settle(ctx, tx, se); err != nil {
			return err
		}
		se.Version++
		se.UpdatedAt = database.Now()
		if err := s.store.updateSession(ctx, tx, se, version); err != nil {
			return err
		}
		if se, err = s.store.session(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: action, Entity: "session", EntityID: se.ID, Before: before, After: se})
	})
	if err != nil {
		return nil, err
	}
	return se, nil
}

// UpdateSession changes a session; when its time or place changes, everyone registered is told.
func (s *Service) UpdateSession(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in SessionPatch) (*Session, error) {
	return s.changeSession(ctx, p, id, version, "update", func(ctx context.Context, tx bun.Tx, se *Session) error {
		before := *se
		if err := applySession(se, in); err != nil {
			return err
		}
		if before.StartsAt.Equal(se.StartsAt) && before.EndsAt.Equal(se.EndsAt) && before.Place == se.Place && before.OnlineURL == se.OnlineURL {
			return nil
		}
		return s.notifyRegistrants(ctx, tx, p.UserID, se, notification.SessionChanged)
	})
}

// CancelSession calls a session off and tells everyone registered; it takes no registrations after.
func (s *Service) CancelSession(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Session, error) {
	return s.changeSession(ctx, p, id, version, "cancel", func(ctx context.Context, tx bun.Tx, se *Session) error {
		if se.Status == Held {
			return httpx.Conflict("A session that was held cannot be cancelled.")
		}
		se.Status = Cancelled
		return s.notifyRegistrants(ctx, tx, p.UserID, se, notification.SessionCancelled)
	})
}

// settle fills the free seats of a session that takes registrations from its waitlist, in order, telling each
// promoted person, and then marks it full or open by its seats.
func (s *Service) settle(ctx context.Context, tx bun.Tx, se *Session) error {
	if se.Status != Open && se.Status != Full {
		return nil
	}
	for se.Confirmed < se.Capacity {
		w, err := s.store.firstWaitlisted(ctx, tx, se.ID)
		if err != nil {
			return err
		}
		if w == nil {
			break
		}
		w.Status, w.WaitlistSeq = Confirmed, nil
		if err := s.store.updateRegistration(ctx, tx, w); err != nil {
			return err
		}
		if err := notice(ctx, tx, nil, notification.RegistrationPromoted, w.PersonID, se.ID, se.CourseTitle, se.StartsAt, nil); err != nil {
			return err
		}
		se.Confirmed++
		se.Waitlisted--
	}
	se.Status = Open
	if se.Confirmed >= se.Capacity {
		se.Status = Full
	}
	se.SeatsFree = max(se.Capacity-se.Confirmed, 0)
	return nil
}

// SessionQuery filters the sessions list.
type SessionQuery struct {
	CourseID string `query:"course_id" validate:"omitempty,uuid"`
	From     string `query:"from" validate:"omitempty,datetime=2006-01-02"`
	To       string `query:"to" validate:"omitempty,datetime=2006-01-02"`
}

// Sessions lists the sessions of courses the caller may see, soonest first; from and to are Prague days.
func (s *Service) Sessions(ctx context.Context, p *auth.Principal, q SessionQuery, pr httpx.PageRequest) (httpx.Page[Session], error) {
	f := sessionFilter{Providers: p.ProviderOrgs(), Limit: pr.Limit}
	f.From, f.To = days(q.From, q.To)
	if q.CourseID != "" {
		id := uuid.MustParse(q.CourseID)
		f.CourseID = &id
	}
	if pr.Cursor != nil {
		f.After = &sessionCursor{}
		if err := pr.DecodeCursor(f.After); err != nil {
			return httpx.Page[Session]{}, err
		}
	}
	rows, err := s.store.listSessions(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Session]{}, err
	}
	return httpx.NewPage(rows, pr.Limit, func(se Session) any { return sessionCursor{StartsAt: se.StartsAt, ID: se.ID} }), nil
}
