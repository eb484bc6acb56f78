package training

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/attachment"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

type externalStore struct{}

// externals selects records with the person's name and their certificate's description (not its bytes).
func (externalStore) externals(db bun.IDB, out *[]ExternalTraining) *bun.SelectQuery {
	return db.NewSelect().Model(out).ColumnExpr("x.*, u.name AS person_name").
		ColumnExpr("f.name AS certificate_name, f.media_type AS certificate_media_type, f.size AS certificate_size").
		Join("JOIN attachments AS f ON f.id = x.certificate_id").
		Join("JOIN users AS u ON u.id = x.person_id")
}

func (s externalStore) external(ctx context.Context, db bun.IDB, id uuid.UUID) (*ExternalTraining, error) {
	var out []ExternalTraining
	err := s.externals(db, &out).Where("x.id = ?", id).Scan(ctx)
	return first(out, err)
}

func (externalStore) insert(ctx context.Context, db bun.IDB, x *ExternalTraining) error {
	_, err := db.NewInsert().Model(x).Exec(ctx)
	return err
}

// decide writes a lead's decision if the record is still at the version the lead saw.
func (externalStore) decide(ctx context.Context, db bun.IDB, x *ExternalTraining, version int) error {
	res, err := db.NewUpdate().Model(x).Column("state", "reason", "decided_by", "decided_at", "version", "updated_at").
		Where("id = ? AND version = ?", x.ID, version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, httpx.StaleVersion())
	}
	return nil
}

// delete removes a record and then its certificate, which nothing else refers to.
func (externalStore) delete(ctx context.Context, db bun.IDB, x *ExternalTraining) error {
	if _, err := db.NewDelete().Model((*ExternalTraining)(nil)).Where("id = ?", x.ID).Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewDelete().Model((*attachment.Attachment)(nil)).Where("id = ?", x.CertificateID).Exec(ctx)
	return err
}

type externalFilter struct {
	Own       uuid.UUID
	LedPeople []uuid.UUID
	PersonID  *uuid.UUID
	State     string
	AfterID   *uuid.UUID
	Limit     int
}

func (s externalStore) list(ctx context.Context, db bun.IDB, f externalFilter) ([]ExternalTraining, error) {
	out := []ExternalTraining{}
	q := s.externals(db, &out).OrderExpr("x.id").Limit(int64(f.Limit + 1))
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("x.person_id = ?", f.Own)
		if len(f.LedPeople) > 0 {
			q = q.WhereOr("x.person_id IN (?)", bun.In(f.LedPeople))
		}
		return q
	})
	if f.PersonID != nil {
		q = q.Where("x.person_id = ?", *f.PersonID)
	}
	if f.State != "" {
		q = q.Where("x.state = ?", f.State)
	}
	if f.AfterID != nil {
		q = q.Where("x.id > ?", *f.AfterID)
	}
	return out, q.Scan(ctx)
}
