package demo

import (
	"context"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/support"
)

// supportNotes are the private notes some demo entries carry; only their worker ever reads them.
var supportNotes = []string{
	"Probrali jsme postup u rodiny s opakovaným zanedbáním péče.",
	"Náslech u kolegyně při jednání s pěstouny – vyzkoušet její způsob shrnutí.",
	"Intervize: jak mluvit s dospívajícím, který odmítá kontakt.",
}

// seedSupport gives the workers of Petra Svobodová's team a year of support log entries, every few weeks one, of
// kinds and lengths that vary by person and week, so the lead's totals differ from person to person. The days
// count back from the seeding day, none in the future.
func seedSupport(ctx context.Context, tx bun.Tx) error {
	var workers []uuid.UUID
	err := tx.NewSelect().TableExpr("team_members AS m").ColumnExpr("m.user_id").
		Join("JOIN role_assignments AS r ON r.team_id = m.team_id AND r.role = 'lead'").
		Join("JOIN users AS lead ON lead.id = r.user_id AND lead.name = ?", "Petra Svobodová").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.user_id <> lead.id").OrderExpr("u.name").Scan(ctx, &workers)
	if err != nil {
		return err
	}
	prague := database.Prague
	now := database.Now()
	today := now.In(prague)
	for i, person := range workers {
		for n, week := 0, i%3; week < 52; n, week = n+1, week+3 {
			day := today.AddDate(0, 0, -7*week-(i%5))
			e := &support.Entry{ID: uuid.Must(uuid.NewV7()), PersonID: person, Date: database.NewDate(day.Date()),
				Minutes: 30 + 15*((week+2*i)%6), Kind: support.Kinds[(n+i)%len(support.Kinds)],
				Version: 1, CreatedAt: now, UpdatedAt: now}
			if n%3 == 0 {
				e.Note = supportNotes[(n/3+i)%len(supportNotes)]
			}
			if _, err := tx.NewInsert().Model(e).Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}
