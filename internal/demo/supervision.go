package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/supervision"
)

// supervisionSpec is a team's supervision: team supervision every six weeks on a weekday at 9:00, from about ten
// months before the day of seeding to three months after, with its supervisor.
type supervisionSpec struct {
	team, lead, supervisor string
	weekday                time.Weekday
}

var demoSupervision = []supervisionSpec{
	{"ji-ospod", "Petra Svobodová", "Eva Černá", time.Tuesday},
	{"ji-kurator", "Jiří Hájek", "Irena Holubová", time.Wednesday},
	{"tr-ospod", "Ivana Benešová", "Eva Černá", time.Thursday},
	{"ngo-nrp", "Simona Čermáková", "Irena Holubová", time.Monday},
}

// seedSupervision plans the demo teams' supervision as their leads would, and confirms the sessions that took
// place as their supervisors would (everyone attended but one in four sessions someone did not), except the
// latest of the OSPOD Jihlava team, which waits for Eva Černá's confirmation. Jana Nováková also has individual
// supervision: two held, one ahead.
func seedSupervision(ctx context.Context, tx bun.Tx, now time.Time) error {
	dir := directory.NewService(tx)
	// No note is written while seeding: the key only satisfies the constructor.
	svc, err := supervision.NewService(tx, dir, make([]byte, 32))
	if err != nil {
		return err
	}
	var people []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	if err := tx.NewSelect().Table("users").Column("id", "name").Scan(ctx, &people); err != nil {
		return err
	}
	ids := map[string]uuid.UUID{}
	for _, p := range people {
		ids[p.Name] = p.ID
	}
	var teamRows []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
		Org  string    `bun:"org"`
	}
	if err := tx.NewSelect().TableExpr("teams AS t").ColumnExpr("t.id, t.name, o.name AS org").
		Join("JOIN organizations AS o ON o.id = t.organization_id").Scan(ctx, &teamRows); err != nil {
		return err
	}
	teamIDs := map[string]uuid.UUID{}
	for _, spec := range teams {
		for _, r := range teamRows {
			if r.Name == spec.name && orgName(spec.org) == r.Org {
				teamIDs[spec.key] = r.ID
			}
		}
	}
	for i, spec := range demoSupervision {
		team := teamIDs[spec.team]
		lead := &auth.Principal{UserID: ids[spec.lead], Grants: []auth.Grant{{Role: auth.Lead, TeamID: &team}}}
		first := weekdayOnOrAfter(now.AddDate(0, -10, 0), spec.weekday)
		plan, err := svc.Plan(ctx, lead, supervision.PlanInput{TeamID: team.String(), Kind: "team",
			SupervisorID: ids[spec.supervisor].String(), StartsAt: at(first, 9).Format(time.RFC3339),
			EndsAt: at(first, 11).Format(time.RFC3339), Place: "Zasedací místnost", RRule: "FREQ=WEEKLY;INTERVAL=6;COUNT=10"})
		if err != nil {
			return describe("supervision of "+spec.team, err)
		}
		if err := confirmPast(ctx, svc, plan.Items, ids[spec.supervisor], now, i == 0, i); err != nil {
			return err
		}
	}
	// Jana Nováková's individual supervision.
	team := teamIDs["ji-ospod"]
	lead := &auth.Principal{UserID: ids["Petra Svobodová"], Grants: []auth.Grant{{Role: auth.Lead, TeamID: &team}}}
	for _, daysAgo := range []int{160, 75, -20} {
		day := weekdayOnOrAfter(now.AddDate(0, 0, -daysAgo), time.Friday)
		plan, err := svc.Plan(ctx, lead, supervision.PlanInput{TeamID: team.String(), Kind: "individual",
			SupervisorID: ids["Eva Černá"].String(), ParticipantIDs: []string{ids["Jana Nováková"].String()},
			StartsAt: at(day, 13).Format(time.RFC3339), EndsAt: at(day, 14).Format(time.RFC3339), Place: "Poradna Eva Černá, Jihlava"})
		if err != nil {
			return describe("individual supervision", err)
		}
		if err := confirmPast(ctx, svc, plan.Items, ids["Eva Černá"], now, false, 0); err != nil {
			return err
		}
	}
	return nil
}

// confirmPast confirms, as the supervisor, the sessions that have ended; with leaveLast the latest stays for the
// supervisor to confirm. In every fourth session the first participant did not come.
func confirmPast(ctx context.Context, svc *supervision.Service, sessions []supervision.Session, supervisor uuid.UUID,
	now time.Time, leaveLast bool, salt int) error {
	sv := &auth.Principal{UserID: supervisor, Grants: []auth.Grant{{Role: auth.Supervisor}}}
	var past []supervision.Session
	for _, s := range sessions {
		if s.EndsAt.Before(now) {
			past = append(past, s)
		}
	}
	if leaveLast && len(past) > 0 {
		past = past[:len(past)-1]
	}
	for k, s := range past {
		var attended []string
		for j, p := range s.Participants {
			if j == 0 && (k+salt)%4 == 3 {
				continue
			}
			attended = append(attended, p.PersonID.String())
		}
		if _, err := svc.Confirm(ctx, sv, s.ID, s.Version, supervision.ConfirmInput{Attended: attended}); err != nil {
			return fmt.Errorf("demo: confirm supervision: %w", err)
		}
	}
	return nil
}

func weekdayOnOrAfter(d time.Time, wd time.Weekday) time.Time {
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// at is the hour of a day in Prague.
func at(d time.Time, hour int) time.Time {
	d = d.In(database.Prague)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, database.Prague)
}

func orgName(key string) string {
	for _, o := range orgs {
		if o.key == key {
			return o.name
		}
	}
	return ""
}
