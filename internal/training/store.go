package training

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

var errNotFound = errors.New("not found")

type store struct{}

// first answers the only row of a query by id, or errNotFound.
func first[T any](rows []T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errNotFound
	}
	return &rows[0], nil
}

// courses selects courses with their provider's name.
func (store) courses(db bun.IDB, out *[]Course) *bun.SelectQuery {
	return db.NewSelect().Model(out).ColumnExpr("c.*").ColumnExpr("o.name AS provider_name").
		Join("JOIN organizations AS o ON o.id = c.provider_id")
}

func (s store) course(ctx context.Context, db bun.IDB, id uuid.UUID) (*Course, error) {
	var out []Course
	err := s.courses(db, &out).Where("c.id = ?", id).Scan(ctx)
	c, err := first(out, err)
	if err != nil {
		return nil, err
	}
	return c, s.fillCourses(ctx, db, out[:1])
}

// fillCourses loads the competencies and target positions of some courses, one query each.
func (store) fillCourses(ctx context.Context, db bun.IDB, courses []Course) error {
	if len(courses) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(courses))
	idx := make(map[uuid.UUID]int, len(courses))
	for i := range courses {
		ids[i], idx[courses[i].ID] = courses[i].ID, i
		courses[i].Competencies, courses[i].TargetPositions = []CourseCompetency{}, []string{}
	}
	var comps []CourseCompetency
	if err := db.NewSelect().Model(&comps).Where("course_id IN (?)", bun.In(ids)).OrderExpr("course_id, competency_id").Scan(ctx); err != nil {
		return err
	}
	for _, cc := range comps {
		courses[idx[cc.CourseID]].Competencies = append(courses[idx[cc.CourseID]].Competencies, cc)
	}
	var positions []coursePosition
	if err := db.NewSelect().Model(&positions).Where("course_id IN (?)", bun.In(ids)).OrderExpr("course_id, position_code").Scan(ctx); err != nil {
		return err
	}
	for _, p := range positions {
		courses[idx[p.CourseID]].TargetPositions = append(courses[idx[p.CourseID]].TargetPositions, p.PositionCode)
	}
	return nil
}

// saveCourse inserts a course (version 1) or updates it if its version is still the one the change started
// from, then replaces its competencies and positions.
func (store) saveCourse(ctx context.Context, db bun.IDB, c *Course, version int) error {
	if version == 0 {
		if _, err := db.NewInsert().Model(c).Exec(ctx); err != nil {
			return err
		}
	} else {
		res, err := db.NewUpdate().Model(c).ExcludeColumn("id", "provider_id", "created_at").
			Where("id = ? AND version = ?", c.ID, version).Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, httpx.StaleVersion())
		}
		for _, m := range []any{(*CourseCompetency)(nil), (*coursePosition)(nil)} {
			if _, err := db.NewDelete().Model(m).Where("course_id = ?", c.ID).Exec(ctx); err != nil {
				return err
			}
		}
	}
	for i := range c.Competencies {
		c.Competencies[i].CourseID = c.ID
	}
	if len(c.Competencies) > 0 {
		if _, err := db.NewInsert().Model(&c.Competencies).Exec(ctx); err != nil {
			return err
		}
	}
	if len(c.TargetPositions) > 0 {
		positions := make([]coursePosition, len(c.TargetPositions))
		for i, code := range c.TargetPositions {
			positions[i] = coursePosition{CourseID: c.ID, PositionCode: code}
		}
		if _, err := db.NewInsert().Model(&positions).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// catalogue limits a query over courses (alias c) to what a caller sees: published courses, and every course of
// the providers they work for.
func catalogue(q *bun.SelectQuery, providers []uuid.UUID) *bun.SelectQuery {
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("c.published")
		if len(providers) > 0 {
			q = q.WhereOr("c.provider_id IN (?)", bun.In(providers))
		}
		return q
	})
}

// courseFilter is the catalogue's search: what the caller may see (published courses, and every course of the
// providers they work for) narrowed by the filters.
type courseFilter struct {
	Providers    []uuid.UUID
	Query        string
	CompetencyID *uuid.UUID
	ProviderID   *uuid.UUID
	Form         string
	Accredited   bool
	Today        database.Date
	From, To     *time.Time
	Place        string
	Free         bool
	Now          time.Time
	AfterID      *uuid.UUID
	Limit        int
}

// liveSession is the condition on a session (alias s) that it still takes place.
const liveSession = "s.status NOT IN ('" + Cancelled + "')"

func (s store) listCourses(ctx context.Context, db bun.IDB, f courseFilter) ([]Course, error) {
	out := []Course{}
	q := s.courses(db, &out).OrderExpr("c.id DESC").Limit(int64(f.Limit + 1))
	q = catalogue(q, f.Providers)
	if f.Query != "" {
		q = q.Where(`c.search_text LIKE ? ESCAPE '\'`, database.ContainsPattern(f.Query))
	}
	if f.CompetencyID != nil {
		q = q.Where("EXISTS (SELECT 1 FROM course_competencies AS cc WHERE cc.course_id = c.id AND cc.competency_id = ?)", *f.CompetencyID)
	}
	if f.ProviderID != nil {
		q = q.Where("c.provider_id = ?", *f.ProviderID)
	}
	if f.Form != "" {
		q = q.Where("c.form = ?", f.Form)
	}
	if f.Accredited {
		q = q.Where("c.accreditation_number IS NOT NULL AND (c.accredited_from IS NULL OR c.accredited_from <= ?) AND (c.accredited_until IS NULL OR c.accredited_until >= ?)", f.Today, f.Today)
	}
	// The session filters ask for one session that meets all of them.
	if f.From != nil || f.To != nil || f.Place != "" || f.Free {
		sq := db.NewSelect().TableExpr("training_sessions AS s").ColumnExpr("1").Where("s.course_id = c.id").Where(liveSession)
		if f.From != nil {
			sq = sq.Where("s.starts_at >= ?", *f.From)
		}
		if f.To != nil {
			sq = sq.Where("s.starts_at < ?", *f.To)
		}
		if f.Place != "" {
			sq = sq.Where(`s.place_search LIKE ? ESCAPE '\'`, database.ContainsPattern(f.Place))
		}
		if f.Free {
			sq = sq.Where("s.status = ? AND s.registration_deadline > ?", Open, f.Now).
				Where("s.capacity > (SELECT count(*) FROM registrations AS r WHERE r.session_id = s.id AND r.status = ?)", Confirmed)
		}
		q = q.Where("EXISTS (?)", sq)
	}
	if f.AfterID != nil {
		q = q.Where("c.id < ?", *f.AfterID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	return out, s.fillCourses(ctx, db, out)
}

// sessions selects sessions with their course's title, provider and publication, and the counts of confirmed and
// waitlisted registrations.
func (store) sessions(db bun.IDB, out *[]Session) *bun.SelectQuery {
	return db.NewSelect().Model(out).ColumnExpr("s.*").
		ColumnExpr("c.title AS course_title, c.provider_id, c.published").
		ColumnExpr("(SELECT count(*) FROM registrations AS r WHERE r.session_id = s.id AND r.status = ?) AS confirmed", Confirmed).
		ColumnExpr("(SELECT count(*) FROM registrations AS r WHERE r.session_id = s.id AND r.status = ?) AS waitlisted", Waitlisted).
		Join("JOIN courses AS c ON c.id = s.course_id")
}

func seatsFree(out []Session) {
	for i := range out {
		out[i].SeatsFree = max(out[i].Capacity-out[i].Confirmed, 0)
	}
}

func (s store) session(ctx context.Context, db bun.IDB, id uuid.UUID) (*Session, error) {
	var out []Session
	err := s.sessions(db, &out).Where("s.id = ?", id).Scan(ctx)
	seatsFree(out)
	return first(out, err)
}

// lockSession makes registrations for one session take turns, so the seats are counted by one at a time and
// never oversold. SQLite needs nothing: every transaction takes the write lock at BEGIN (IMMEDIATE).
func (store) lockSession(ctx context.Context, db bun.IDB, id uuid.UUID) error {
	if db.Dialect().Name() != dialect.PG {
		return nil
	}
	_, err := db.NewRaw("SELECT id FROM training_sessions WHERE id = ? FOR UPDATE", id).Exec(ctx)
	return err
}

func (store) insertSession(ctx context.Context, db bun.IDB, se *Session) error {
	_, err := db.NewInsert().Model(se).Exec(ctx)
	return err
}

// updateSession writes a session if its version is still the one the change started from.
func (store) updateSession(ctx context.Context, db bun.IDB, se *Session, version int) error {
	res, err := db.NewUpdate().Model(se).
		Column("starts_at", "ends_at", "place", "place_search", "online_url", "capacity", "registration_deadline", "price",
			"status", "closed_at", "version", "updated_at").
		Where("id = ? AND version = ?", se.ID, version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, httpx.StaleVersion())
	}
	return nil
}

// setStatus writes a session's status after its seats changed, without a new version: the provider's edit
// does not go stale because someone registered.
func (store) setStatus(ctx context.Context, db bun.IDB, id uuid.UUID, status string) error {
	_, err := db.NewUpdate().Model((*Session)(nil)).Set("status = ?", status).Where("id = ?", id).Exec(ctx)
	return err
}

type sessionFilter struct {
	Providers []uuid.UUID
	CourseID  *uuid.UUID
	From, To  *time.Time
	After     *sessionCursor
	Limit     int
}

// sessionCursor is where a page of sessions (by start, then id) ended.
type sessionCursor struct {
	StartsAt time.Time `json:"s"`
	ID       uuid.UUID `json:"i"`
}

func (s store) listSessions(ctx context.Context, db bun.IDB, f sessionFilter) ([]Session, error) {
	out := []Session{}
	q := s.sessions(db, &out).OrderExpr("s.starts_at, s.id").Limit(int64(f.Limit + 1))
	q = catalogue(q, f.Providers)
	if f.CourseID != nil {
		q = q.Where("s.course_id = ?", *f.CourseID)
	}
	if f.From != nil {
		q = q.Where("s.starts_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("s.starts_at < ?", *f.To)
	}
	if f.After != nil {
		q = q.Where("(s.starts_at > ? OR (s.starts_at = ? AND s.id > ?))", f.After.StartsAt, f.After.StartsAt, f.After.ID)
	}
	err := q.Scan(ctx)
	seatsFree(out)
	return out, err
}

// registrations selects registrations with the person's name and e-mail, the session's course and start, and a
// waitlisted one's position: how many of the session's waitlist are ahead of it, plus one.
func (store) registrations(db bun.IDB, out *[]Registration) *bun.SelectQuery {
	return db.NewSelect().Model(out).ColumnExpr("r.*").
		ColumnExpr("CASE WHEN r.status = ? THEN (SELECT count(*) FROM registrations AS w WHERE w.session_id = r.session_id AND w.status = ? AND w.waitlist_seq <= r.waitlist_seq) END AS position", Waitlisted, Waitlisted).
		ColumnExpr("u.name AS person_name, u.email AS person_email, s.course_id, s.starts_at, c.title AS course_title, c.provider_id").
		Join("JOIN users AS u ON u.id = r.person_id").
		Join("JOIN training_sessions AS s ON s.id = r.session_id").
		Join("JOIN courses AS c ON c.id = s.course_id")
}

func (s store) registration(ctx context.Context, db bun.IDB, id uuid.UUID) (*Registration, error) {
	var out []Registration
	err := s.registrations(db, &out).Where("r.id = ?", id).Scan(ctx)
	return first(out, err)
}

// live lists a session's registrations that still hold a seat or a place on the waitlist.
func (s store) live(ctx context.Context, db bun.IDB, sessionID uuid.UUID) ([]Registration, error) {
	var out []Registration
	err := s.registrations(db, &out).Where("r.session_id = ? AND r.status <> ?", sessionID, Withdrawn).
		OrderExpr("r.status, r.waitlist_seq, r.id").Scan(ctx)
	return out, err
}

// liveOf finds a person's live registration for a session.
func (store) liveOf(ctx context.Context, db bun.IDB, sessionID, personID uuid.UUID) (bool, error) {
	return db.NewSelect().Model((*Registration)(nil)).Where("session_id = ? AND person_id = ? AND status <> ?", sessionID, personID, Withdrawn).Exists(ctx)
}

// nextSeq is the waitlist number after the session's last.
func (store) nextSeq(ctx context.Context, db bun.IDB, sessionID uuid.UUID) (int, error) {
	var n int
	err := db.NewSelect().Model((*Registration)(nil)).ColumnExpr("COALESCE(MAX(waitlist_seq), 0) + 1").
		Where("session_id = ?", sessionID).Scan(ctx, &n)
	return n, err
}

// firstWaitlisted finds the session's first waitlisted registration, nil when nobody waits.
func (s store) firstWaitlisted(ctx context.Context, db bun.IDB, sessionID uuid.UUID) (*Registration, error) {
	var out []Registration
	err := s.registrations(db, &out).Where("r.session_id = ? AND r.status = ?", sessionID, Waitlisted).
		OrderExpr("r.waitlist_seq").Limit(1).Scan(ctx)
	r, err := first(out, err)
	if errors.Is(err, errNotFound) {
		return nil, nil
	}
	return r, err
}

func (store) insertRegistration(ctx context.Context, db bun.IDB, r *Registration) error {
	_, err := db.NewInsert().Model(r).Exec(ctx)
	return err
}

func (store) updateRegistration(ctx context.Context, db bun.IDB, r *Registration) error {
	_, err := db.NewUpdate().Model(r).Column("status", "waitlist_seq", "cancelled_at", "cancelled_by", "cancel_reason").WherePK().Exec(ctx)
	return err
}

// reach limits a query over a person's records (a registration, a certificate) to the caller's own, those of the
// people they lead, and those of the providers they work for.
func reach(q *bun.SelectQuery, personCol, providerCol string, own uuid.UUID, led, providers []uuid.UUID) *bun.SelectQuery {
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("? = ?", bun.Ident(personCol), own)
		if len(led) > 0 {
			q = q.WhereOr("? IN (?)", bun.Ident(personCol), bun.In(led))
		}
		if len(providers) > 0 {
			q = q.WhereOr("? IN (?)", bun.Ident(providerCol), bun.In(providers))
		}
		return q
	})
}

type registrationFilter struct {
	Own       uuid.UUID
	LedPeople []uuid.UUID
	Providers []uuid.UUID
	PersonID  *uuid.UUID
	SessionID *uuid.UUID
	Status    string
	AfterID   *uuid.UUID
	Limit     int
}

func (s store) listRegistrations(ctx context.Context, db bun.IDB, f registrationFilter) ([]Registration, error) {
	out := []Registration{}
	q := s.registrations(db, &out).OrderExpr("r.id").Limit(int64(f.Limit + 1))
	q = reach(q, "r.person_id", "c.provider_id", f.Own, f.LedPeople, f.Providers)
	if f.PersonID != nil {
		q = q.Where("r.person_id = ?", *f.PersonID)
	}
	if f.SessionID != nil {
		q = q.Where("r.session_id = ?", *f.SessionID)
	}
	if f.Status != "" {
		q = q.Where("r.status = ?", f.Status)
	}
	if f.AfterID != nil {
		q = q.Where("r.id > ?", *f.AfterID)
	}
	return out, q.Scan(ctx)
}
