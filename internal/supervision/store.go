package supervision

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

type store struct{}

var errNotFound = errors.New("not found")

// sessionsQuery selects sessions with their team's and supervisor's names and their series' rule.
func sessionsQuery(db bun.IDB, out *[]Session) *bun.SelectQuery {
	return db.NewSelect().Model(out).
		ColumnExpr("ss.*, t.name AS team_name, u.name AS supervisor_name, se.rrule AS rrule").
		Join("JOIN teams AS t ON t.id = ss.team_id").
		Join("JOIN users AS u ON u.id = ss.supervisor_id").
		Join("LEFT JOIN supervision_series AS se ON se.id = ss.series_id")
}

func (store) session(ctx context.Context, db bun.IDB, id uuid.UUID) (*Session, error) {
	var out []Session
	if err := sessionsQuery(db, &out).Where("ss.id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNotFound
	}
	return &out[0], fill(ctx, db, out)
}

// fill reads the participants of sessions, by name.
func fill(ctx context.Context, db bun.IDB, sessions []Session) error {
	if len(sessions) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(sessions))
	at := map[uuid.UUID]int{}
	for i := range sessions {
		ids[i], at[sessions[i].ID] = sessions[i].ID, i
		sessions[i].Participants = []Participant{}
	}
	var ps []Participant
	err := db.NewSelect().Model(&ps).ColumnExpr("sp.*, u.name AS name").Join("JOIN users AS u ON u.id = sp.person_id").
		Where("sp.session_id IN (?)", bun.In(ids)).OrderExpr("u.name, sp.person_id").Scan(ctx)
	for _, x := range ps {
		s := &sessions[at[x.SessionID]]
		s.Participants = append(s.Participants, x)
	}
	return err
}

// lock holds a session's row for the transaction on PostgreSQL (SQLite writes one at a time anyway).
func (store) lock(ctx context.Context, db bun.IDB, id uuid.UUID) error {
	if db.Dialect().Name() != dialect.PG {
		return nil
	}
	_, err := db.NewRaw("SELECT id FROM supervision_sessions WHERE id = ? FOR UPDATE", id).Exec(ctx)
	return err
}

func (store) insert(ctx context.Context, db bun.IDB, s *Session) error {
	if _, err := db.NewInsert().Model(s).Exec(ctx); err != nil {
		return err
	}
	return replaceParticipants(ctx, db, s)
}

// update writes a session whose version was read as version; 0 rows means someone changed it meanwhile.
func (store) update(ctx context.Context, db bun.IDB, s *Session, version int) error {
	r, err := db.NewUpdate().Model(s).ExcludeColumn("id", "created_by", "created_at").
		Where("id = ? AND version = ?", s.ID, version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return errStale
	}
	return nil
}

func replaceParticipants(ctx context.Context, db bun.IDB, s *Session) error {
	if _, err := db.NewDelete().Model((*Participant)(nil)).Where("session_id = ?", s.ID).Exec(ctx); err != nil {
		return err
	}
	if len(s.Participants) == 0 {
		return nil
	}
	for i := range s.Participants {
		s.Participants[i].SessionID = s.ID
	}
	_, err := db.NewInsert().Model(&s.Participants).Exec(ctx)
	return err
}

// following lists the planned sessions of a series from a start on that were not changed on their own.
func (store) following(ctx context.Context, db bun.IDB, seriesID uuid.UUID, from time.Time) ([]Session, error) {
	var out []Session
	err := sessionsQuery(db, &out).Where("ss.series_id = ? AND ss.starts_at >= ? AND ss.status = ? AND NOT ss.detached",
		seriesID, from, Planned).OrderExpr("ss.starts_at").Scan(ctx)
	if err != nil {
		return nil, err
	}
	return out, fill(ctx, db, out)
}

func (store) note(ctx context.Context, db bun.IDB, sessionID, personID uuid.UUID) (*note, error) {
	n := new(note)
	err := db.NewSelect().Model(n).Where("session_id = ? AND person_id = ?", sessionID, personID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return n, err
}
