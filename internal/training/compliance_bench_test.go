package training_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/training"
)

// BenchmarkTeamCompliance times GET /teams/{id}/compliance's work for a team of 50 officials in a database of
// 1,000 people who each attended 6 sessions a year for five years (30,000 attendance rows, 3,000 sessions) and
// have two confirmed external trainings a year, beside the queries it needs ("records": the attendance and
// external training of the 50, every row read). PRODUCT.md §6 asks an endpoint to stay within 1.5× of its SQL.
func BenchmarkTeamCompliance(b *testing.B) {
	for _, engine := range dbtest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			ctx := context.Background()
			db := dbtest.Open(b, engine)
			if err := app.Prepare(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
				b.Fatal(err)
			}
			team, lead, members := seedTraining(b, db, 1000, 50, 5)
			svc, err := training.NewComplianceService(db, directory.NewService(db))
			if err != nil {
				b.Fatal(err)
			}
			p := &auth.Principal{UserID: lead, Grants: []auth.Grant{{Role: auth.Lead, TeamID: &team}}}
			b.Run("endpoint", func(b *testing.B) {
				for b.Loop() {
					c, err := svc.Team(ctx, p, team, training.ComplianceQuery{})
					if err != nil {
						b.Fatal(err)
					}
					if len(c.People) != 50 || len(c.People[0].Results) < 4 {
						b.Fatalf("%d people, %d results", len(c.People), len(c.People[0].Results))
					}
				}
			})
			b.Run("records", func(b *testing.B) {
				for b.Loop() {
					n, err := svc.Records(ctx, members)
					if err != nil || n != 50*5*8 {
						b.Fatalf("%d records: %v", n, err)
					}
				}
			})
		})
	}
}

// seedTraining stores people of one municipality (officials, social workers), a provider with ten accredited
// courses of 60 sessions each over the years, each person's attendance and confirmed external training, and one
// team of the first teamSize people with a lead. Rows are written directly: the workflow is tested elsewhere.
func seedTraining(b *testing.B, db *database.DB, people, teamSize, years int) (team, lead uuid.UUID, members []uuid.UUID) {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	rnd := rand.New(rand.NewPCG(3, 4))
	var position uuid.UUID
	if err := db.NewSelect().Table("positions").Column("id").Where("code = 'ospod-social-worker'").Scan(ctx, &position); err != nil {
		b.Fatal(err)
	}
	region, official := "CZ063", "official"
	org := &directory.Organization{ID: uuid.New(), Kind: directory.KindMunicipality, Name: "Bench", SearchText: "bench",
		ICO: "00286010", RegionCode: &region, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	prov := &directory.Organization{ID: uuid.New(), Kind: directory.KindProvider, Name: "Bench provider", SearchText: "bench provider",
		ICO: "05100046", RegionCode: &region, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	t := &directory.Team{ID: uuid.New(), OrganizationID: org.ID, Name: "Bench", SearchText: "bench", Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	hired := database.NewDate(now.Year()-years-1, 1, 1)
	users := make([]directory.User, people+1)
	for i := range users {
		users[i] = directory.User{ID: uuid.New(), Email: fmt.Sprintf("p%d@bench.cz", i), Name: fmt.Sprintf("Person %04d", i),
			SearchText: "person", OrganizationID: &org.ID, PositionID: &position, EmploymentType: &official, HiredOn: &hired,
			Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	}
	lead = users[people].ID
	acc, from, until := "A2024/0123-SP", database.NewDate(2000, 1, 1), database.NewDate(2099, 12, 31)
	var sessions [][]training.Session // by year
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, m := range []any{org, prov, t, &users} {
			if _, err := tx.NewInsert().Model(m).Exec(ctx); err != nil {
				return err
			}
		}
		ra := directory.RoleAssignment{ID: uuid.New(), UserID: lead, Role: auth.Lead, TeamID: &t.ID, CreatedAt: now}
		if _, err := tx.NewInsert().Model(&ra).Exec(ctx); err != nil {
			return err
		}
		for _, u := range users[:teamSize] {
			if _, err := tx.ExecContext(ctx, "INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", t.ID, u.ID); err != nil {
				return err
			}
			members = append(members, u.ID)
		}
		sessions = make([][]training.Session, years)
		for c := range 10 {
			course := &training.Course{ID: uuid.New(), ProviderID: prov.ID, Title: fmt.Sprintf("Kurz %d", c), Form: "course", Hours: 8,
				AccreditationNumber: &acc, AccreditedFrom: &from, AccreditedUntil: &until, Published: true, SearchText: "kurz",
				Version: 1, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(course).Exec(ctx); err != nil {
				return err
			}
			for y := range years {
				for k := range 60 / years {
					at := time.Date(now.Year()-y, time.Month(1+k%11), 1+c+k%15, 8, 0, 0, 0, time.UTC)
					se := training.Session{ID: uuid.New(), CourseID: course.ID, StartsAt: at, EndsAt: at.Add(7 * time.Hour), Place: "Brno",
						PlaceSearch: "brno", Capacity: 1000, RegistrationDeadline: at, Status: training.Held, Version: 1, CreatedAt: now, UpdatedAt: now}
					sessions[y] = append(sessions[y], se)
				}
			}
		}
		for y := range years {
			if _, err := tx.NewInsert().Model(&sessions[y]).Exec(ctx); err != nil {
				return err
			}
		}
		for _, u := range users[:people] {
			var regs []training.Registration
			var rows []map[string]any
			for y := range years {
				for _, i := range rnd.Perm(len(sessions[y]))[:6] {
					se := sessions[y][i]
					r := training.Registration{ID: uuid.New(), SessionID: se.ID, PersonID: u.ID, Status: training.Confirmed, CreatedAt: se.StartsAt}
					regs = append(regs, r)
					rows = append(rows, map[string]any{"registration_id": r.ID, "session_id": se.ID, "status": "present", "recorded_by": lead, "recorded_at": se.EndsAt})
				}
			}
			if _, err := tx.NewInsert().Model(&regs).Exec(ctx); err != nil {
				return err
			}
			for _, a := range rows {
				if _, err := tx.ExecContext(ctx, "INSERT INTO attendance (registration_id, session_id, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
					a["registration_id"], a["session_id"], a["status"], a["recorded_by"], a["recorded_at"]); err != nil {
					return err
				}
			}
		}
		return seedExternals(ctx, tx, users[:people], lead, years, now)
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	return t.ID, lead, members
}

// seedExternals gives each person two confirmed external trainings a year, sharing one stored certificate.
func seedExternals(ctx context.Context, tx bun.Tx, people []directory.User, lead uuid.UUID, years int, now time.Time) error {
	file := uuid.New()
	if _, err := tx.ExecContext(ctx, "INSERT INTO attachments (id, owner_id, name, media_type, size, sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		file, lead, "o.pdf", "application/pdf", 4, "-", []byte("%PDF"), now); err != nil {
		return err
	}
	var xs []training.ExternalTraining
	for _, u := range people {
		for y := range years {
			for k := range 2 {
				d := database.NewDate(now.Year()-y, time.Month(2+5*k), 10)
				xs = append(xs, training.ExternalTraining{ID: uuid.New(), PersonID: u.ID, Title: "Konference", ProviderName: "Jinde",
					Form: "conference", Hours: 6, Date: d, CertificateID: file, State: training.Confirmed, Version: 2, CreatedAt: now, UpdatedAt: now})
			}
		}
	}
	for i := 0; i < len(xs); i += 500 {
		batch := xs[i:min(i+500, len(xs))]
		if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
