package indicator_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/training"
)

// seeded is one person the test made and what it gave them.
type seeded struct {
	org                                            uuid.UUID
	counted                                        bool               // an active worker
	social                                         bool               // § 111 applies
	agreedYear, agreedQ3                           bool               // an assessment agreed within the twelve months before 2025-12-31 / 2025-09-30
	plan                                           bool               // an approved plan covering both ends
	hoursYear, hoursQ3                             float64            // confirmed training hours in 2025 / in 2025-Q3
	mentoring, intervison                          float64            // support hours in 2025 (all mentoring is in Q3, no intervision is)
	recordedYear, absentYear, recordedQ3, absentQ3 float64            // attendance recorded at sessions not cancelled
	gapYear, gapQ3                                 map[string]float64 // mean gap per domain of the latest agreed assessment; nil when none
}

// world is the region CZ063 of the fixture with people and records added: Městský úřad Alfa has its three fixture
// workers (no records, no position) and seven social workers, Gama (a provider) none, Delta two and Epsilon six.
// Delta is below five, so it is suppressed, and then Epsilon too, since the region minus Alfa would give Delta.
// Gama's sessions fill its seats: fillYear and fillQ3 are the confirmed registrations and the seats of its sessions
// not cancelled in 2025 and in its third quarter.
type world struct {
	*env
	delta, epsilon   uuid.UUID
	people           []seeded
	fillYear, fillQ3 [2]float64
	teams            []policedTeam
}

func newWorld(t *testing.T, db *database.DB) *world {
	e := newEnv(t, db)
	w := &world{env: e}
	w.delta = e.organization(t, "Městský úřad Delta", "00297488", "CZ063")
	w.epsilon = e.organization(t, "Městský úřad Epsilon", "00297534", "CZ063")
	for range 3 { // Vedoucí A1, Pracovnice A1 and A2
		w.people = append(w.people, seeded{org: e.w.OrgA.ID, counted: true})
	}
	framework := uuid.New()
	now := database.Now()
	e.exec(t, "INSERT INTO frameworks (id, lineage_id, version, status, title_cs, source, created_at, updated_at) VALUES (?, ?, '1', 'published', 'Model', 'import', ?, ?)",
		framework, framework, now, now)
	// The model: domain D1 with c1 and c2, D2 with c3 and c4. The national profile of a social worker expects 4
	// everywhere; region CZ063 refines it to 3, 2, 3 and c4 not applicable, which the gaps must use.
	items := map[string]uuid.UUID{"D1": uuid.New(), "D2": uuid.New(), "c1": uuid.New(), "c2": uuid.New(), "c3": uuid.New(), "c4": uuid.New()}
	for code, parent := range map[string]string{"D1": "", "D2": "", "c1": "D1", "c2": "D1", "c3": "D2", "c4": "D2"} {
		kind, parentID := "domain", any(nil)
		if parent != "" {
			kind, parentID = "competency", items[parent]
		}
		e.exec(t, "INSERT INTO framework_items (framework_id, id, parent_id, seq, kind, code, name_cs) VALUES (?, ?, ?, 1, ?, ?, ?)",
			framework, items[code], parentID, kind, code, code)
	}
	var position uuid.UUID
	if err := db.NewSelect().Table("positions").Column("id").Where("code = 'ospod-social-worker'").Scan(context.Background(), &position); err != nil {
		t.Fatal(err)
	}
	for region, levels := range map[any][]any{nil: {4, 4, 4, 4}, "CZ063": {3, 2, 3, nil}} {
		profile := uuid.New()
		e.exec(t, "INSERT INTO position_profiles (id, framework_id, position_id, region_code, updated_at) VALUES (?, ?, ?, ?, ?)",
			profile, framework, position, region, now)
		for i, c := range []string{"c1", "c2", "c3", "c4"} {
			e.exec(t, "INSERT INTO profile_levels (profile_id, competency_id, level) VALUES (?, ?, ?)", profile, items[c], levels[i])
		}
	}
	// agree makes an agreed assessment with levels of c1 to c4 and returns the gaps per domain it should give.
	agree := func(person uuid.UUID, day string, c1, c2, c3, c4 int) map[string]float64 {
		id := uuid.New()
		e.exec(t, "INSERT INTO assessments (id, person_id, framework_id, state, agreed_at, created_at, updated_at) VALUES (?, ?, ?, 'agreed', ?, ?, ?)",
			id, person, framework, prague(day), now, now)
		for c, level := range map[string]int{"c1": c1, "c2": c2, "c3": c3, "c4": c4} {
			e.exec(t, "INSERT INTO assessment_ratings (assessment_id, competency_id, agreed_level) VALUES (?, ?, ?)", id, items[c], level)
		}
		return map[string]float64{"D1": (float64(3-c1) + float64(2-c2)) / 2, "D2": float64(3 - c3)}
	}
	file := uuid.New()
	e.exec(t, "INSERT INTO attachments (id, owner_id, name, media_type, size, sha256, content, created_at) VALUES (?, ?, 'o.pdf', 'application/pdf', 4, '-', ?, ?)",
		file, e.w.Admin.ID, []byte("%PDF"), now)
	external := func(person uuid.UUID, day string, hours int, state string) {
		e.exec(t, "INSERT INTO external_trainings (id, person_id, title, provider_name, form, hours, date, certificate_id, state, version, created_at, updated_at) VALUES (?, ?, 'Konference', 'Jinde', 'conference', ?, ?, ?, ?, 1, ?, ?)",
			uuid.New(), person, hours, day, file, state, now, now)
	}
	course := &training.Course{ID: uuid.New(), ProviderID: e.w.Provider.ID, Title: "Kurz", Form: "course", Hours: 8,
		SearchText: "kurz", Version: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := db.NewInsert().Model(course).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	session := func(day, status string) uuid.UUID {
		at := prague(day)
		se := &training.Session{ID: uuid.New(), CourseID: course.ID, StartsAt: at, EndsAt: at.Add(6 * time.Hour), Place: "Brno",
			PlaceSearch: "brno", Capacity: 100, RegistrationDeadline: at, Status: status, Version: 1, CreatedAt: now, UpdatedAt: now}
		if _, err := db.NewInsert().Model(se).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		return se.ID
	}
	august, march, cancelled := session("2025-08-20", training.Held), session("2025-03-12", training.Held), session("2025-08-25", "cancelled")
	session("2025-09-01", training.Held) // no one came: its seats count, empty
	w.fillYear, w.fillQ3 = [2]float64{0, 300}, [2]float64{0, 200}
	for _, id := range []uuid.UUID{august, march} { // a waitlisted and a cancelled registration take no seat
		for _, status := range []string{"waitlisted", "cancelled"} {
			e.exec(t, "INSERT INTO registrations (id, session_id, person_id, status, waitlist_seq, created_at) VALUES (?, ?, ?, ?, 1, ?)",
				uuid.New(), id, e.w.WorkerB1.ID, status, now)
		}
	}
	attended := func(sessionID, person uuid.UUID, status string) {
		switch sessionID {
		case august:
			w.fillYear[0]++
			w.fillQ3[0]++
		case march:
			w.fillYear[0]++
		}
		reg := uuid.New()
		e.exec(t, "INSERT INTO registrations (id, session_id, person_id, status, created_at) VALUES (?, ?, ?, 'confirmed', ?)", reg, sessionID, person, now)
		e.exec(t, "INSERT INTO attendance (registration_id, session_id, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
			reg, sessionID, status, e.w.Admin.ID, now)
	}
	orgs := []uuid.UUID{e.w.OrgA.ID, e.w.OrgA.ID, e.w.OrgA.ID, e.w.OrgA.ID, e.w.OrgA.ID, e.w.OrgA.ID, e.w.OrgA.ID, w.delta, w.delta,
		w.epsilon, w.epsilon, w.epsilon, w.epsilon, w.epsilon, w.epsilon}
	var made []uuid.UUID
	// Two more at Alfa with records that must not count: one no longer active, one without the worker role.
	for i, org := range append(orgs, e.w.OrgA.ID, e.w.OrgA.ID) {
		s := seeded{org: org, counted: i < len(orgs), social: true}
		id := e.person(t, org, i != len(orgs)+1, true, i != len(orgs))
		made = append(made, id)
		c1, c2, c3 := 1+i%4, 1+(i+1)%4, 1+(2*i)%4
		switch i % 3 {
		case 0: // an older one with other levels, which the latest replaces
			s.agreedYear, s.agreedQ3 = true, true
			agree(id, "2024-01-10", 1, 1, 1, 1)
			s.gapYear = agree(id, "2025-06-15", c1, c2, c3, 2)
			s.gapQ3 = s.gapYear
		case 1:
			s.agreedQ3 = true
			s.gapYear = agree(id, "2024-12-15", c1, c2, c3, 2)
			s.gapQ3 = s.gapYear
		case 2: // every other one agreed only after the third quarter
			e.exec(t, "INSERT INTO assessments (id, person_id, framework_id, state, submitted_at, created_at, updated_at) VALUES (?, ?, ?, 'submitted', ?, ?, ?)",
				uuid.New(), id, framework, prague("2025-06-15"), now, now)
			if i%2 == 0 {
				s.agreedYear = true
				s.gapYear = agree(id, "2025-11-10", c1, c2, c3, 2)
			}
		}
		plan := func(from, to, state string) {
			var approvedAt any
			if state == "approved" {
				approvedAt = prague(from)
			}
			e.exec(t, "INSERT INTO plans (id, person_id, period_start, period_end, state, approved_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				uuid.New(), id, from, to, state, approvedAt, now, now)
		}
		switch i % 4 {
		case 0, 2:
			s.plan = true
			plan("2025-01-01", "2025-12-31", "approved")
		case 1:
			plan("2025-01-01", "2025-12-31", "draft")
		case 3:
			plan("2024-01-01", "2024-12-31", "approved")
		}
		if i > 0 {
			external(id, "2025-08-10", 4*i, "confirmed")
			s.hoursYear, s.hoursQ3 = float64(4*i), float64(4*i)
		}
		if i%2 == 1 {
			external(id, "2025-03-03", 3, "confirmed")
			s.hoursYear += 3
		}
		external(id, "2025-08-11", 10, "pending")
		external(id, "2024-05-05", 7, "confirmed")
		support := func(day string, minutes int, kind string) {
			e.exec(t, "INSERT INTO support_entries (id, person_id, date, minutes, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				uuid.New(), id, day, minutes, kind, now, now)
		}
		support("2025-08-01", 30*(i+1), "mentoring")
		s.mentoring = float64(30*(i+1)) / 60
		if i%2 == 0 {
			support("2025-02-01", 45, "intervision")
			s.intervison = 0.75
		}
		support("2024-08-01", 60, "mentoring")
		s.recordedYear, s.recordedQ3 = 1, 1
		if i%3 == 0 {
			attended(august, id, "absent")
			s.absentYear, s.absentQ3 = 1, 1
		} else {
			attended(august, id, "excused")
		}
		if i%2 == 1 {
			attended(march, id, "absent")
			s.recordedYear++
			s.absentYear++
		}
		if i%4 == 0 {
			attended(cancelled, id, "absent")
		}
		w.people = append(w.people, s)
	}
	w.supervise(t, made)
	return w
}

// policedTeam is a team the test made whose organisation sets a team supervision interval.
type policedTeam struct {
	org                  uuid.UUID
	workers              int  // counted members
	withinYear, withinQ3 bool // longest stretch without a held team session within the interval
}

// supervise gives Alfa a four-week and Delta and Epsilon an eight-week interval of team supervision, and teams
// with held sessions every three weeks: T1 (Alfa, made 0–3 and the two who must not count) throughout, T2 (Alfa,
// 4–6) with none from February to April, T3 (Epsilon, 9–14) throughout, T4 (Delta, 7–8) with none in March; the
// fixture's teams A1 and A2 of Alfa hold none, only planned and individual ones that do not count.
func (w *world) supervise(t *testing.T, made []uuid.UUID) {
	e, now := w.env, database.Now()
	for org, weeks := range map[uuid.UUID]int{e.w.OrgA.ID: 4, w.delta: 8, w.epsilon: 8} {
		e.exec(t, "INSERT INTO supervision_policies (organization_id, team_interval_weeks, version, updated_by, updated_at) VALUES (?, ?, 2, ?, ?)",
			org, weeks, e.w.Admin.ID, now)
	}
	session := func(team uuid.UUID, at time.Time, kind, status string) {
		e.exec(t, "INSERT INTO supervision_sessions (id, team_id, kind, supervisor_id, starts_at, ends_at, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			uuid.New(), team, kind, e.w.Supervisor.ID, at, at.Add(2*time.Hour), status, e.w.Admin.ID, now, now)
	}
	team := func(org uuid.UUID, members []uuid.UUID, skipFrom, skipTo string) {
		id := uuid.New()
		e.exec(t, "INSERT INTO teams (id, organization_id, name, search_text, active, version, created_at, updated_at) VALUES (?, ?, ?, 'tym', true, 1, ?, ?)",
			id, org, "Tým "+id.String(), now, now)
		for _, m := range members {
			e.exec(t, "INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", id, m)
		}
		for at := prague("2024-12-20"); at.Before(prague("2026-02-01")); at = at.AddDate(0, 0, 21) {
			if skipFrom == "" || at.Before(prague(skipFrom)) || at.After(prague(skipTo)) {
				session(id, at, "team", "held")
			}
		}
	}
	team(e.w.OrgA.ID, append(slices.Clone(made[0:4]), made[15:17]...), "", "")
	team(e.w.OrgA.ID, made[4:7], "2025-02-01", "2025-04-30")
	team(w.epsilon, made[9:15], "", "")
	team(w.delta, made[7:9], "2025-03-01", "2025-03-31")
	for at := prague("2025-01-05"); at.Before(prague("2026-01-01")); at = at.AddDate(0, 0, 7) {
		session(e.w.TeamA1.ID, at, "team", "planned")
		session(e.w.TeamA2.ID, at, "individual", "held")
	}
	w.teams = []policedTeam{{e.w.OrgA.ID, 4, true, true}, {e.w.OrgA.ID, 3, false, true}, {w.epsilon, 6, true, true},
		{w.delta, 2, true, true}, {e.w.OrgA.ID, 2, false, false}, {e.w.OrgA.ID, 1, false, false}}
}

// expected computes the cells of the people of some organisations (all of them when none are given) from what
// the test made.
func (w *world) expected(q3 bool, orgs ...uuid.UUID) map[string]float64 {
	var agreed, plan, met, metN, n, recorded, absent, attendees, gapN float64
	gaps := map[string]float64{}
	var hours []float64
	support := map[string]float64{}
	for _, p := range w.people {
		if !p.counted || (len(orgs) > 0 && !slices.Contains(orgs, p.org)) {
			continue
		}
		n++
		h := p.hoursYear
		if q3 {
			h = p.hoursQ3
		}
		hours = append(hours, h)
		if (q3 && p.agreedQ3) || (!q3 && p.agreedYear) {
			agreed++
		}
		if p.plan {
			plan++
		}
		if p.social {
			metN++
			if p.hoursYear >= 24 {
				met++
			}
		}
		support["mentoring"] += p.mentoring
		if q3 {
			recorded, absent = recorded+p.recordedQ3, absent+p.absentQ3
		} else {
			recorded, absent = recorded+p.recordedYear, absent+p.absentYear
		}
		if p.recordedYear > 0 {
			attendees++
		}
		if !q3 {
			support["intervision"] += p.intervison
		}
		g := p.gapYear
		if q3 {
			g = p.gapQ3
		}
		if g != nil {
			gapN++
			for d, x := range g {
				gaps[d] += x
			}
		}
	}
	var teams, within, teamN float64
	for _, tm := range w.teams {
		if len(orgs) == 0 || slices.Contains(orgs, tm.org) {
			teams, teamN = teams+1, teamN+float64(tm.workers)
			if (q3 && tm.withinQ3) || (!q3 && tm.withinYear) {
				within++
			}
		}
	}
	fill := w.fillYear
	if q3 {
		fill = w.fillQ3
	}
	if len(orgs) > 0 && !slices.Contains(orgs, w.w.Provider.ID) {
		fill = [2]float64{}
	}
	slices.Sort(hours)
	sum := 0.0
	for _, h := range hours {
		sum += h
	}
	median := hours[len(hours)/2]
	if len(hours)%2 == 0 {
		median = (hours[len(hours)/2-1] + hours[len(hours)/2]) / 2
	}
	return map[string]float64{"assessment_agreed": agreed / n, "plan_approved": plan / n, "compliance_111": met / metN,
		"training_hours_mean": sum / n, "training_hours_median": median, "n": n, "n_111": metN,
		"support_hours/mentoring": support["mentoring"], "support_hours/intervision": support["intervision"],
		"support_hours/shadowing": 0, "training_no_show": absent / recorded, "n_no_show": attendees,
		"gap_mean/D1": gaps["D1"] / gapN, "gap_mean/D2": gaps["D2"] / gapN, "n_gap": gapN,
		"supervision_coverage": within / teams, "n_coverage": teamN, "training_fill_rate": fill[0] / fill[1], "n_fill": fill[0]}
}

// TestIndicatorValues checks every indicator of the region and of Alfa, for the year and the third quarter,
// against values computed from the rows the test made.
func TestIndicatorValues(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		for _, period := range []string{"2025", "2025-Q3"} {
			for _, scope := range []struct {
				kind, id string
				orgs     []uuid.UUID
			}{{"region", "CZ063", nil}, {"organization", w.w.OrgA.ID.String(), []uuid.UUID{w.w.OrgA.ID}}} {
				t.Run(scope.kind+" "+period, func(t *testing.T) {
					got := w.indicators(t, "methodologistA", scope.kind, scope.id, period)
					want := w.expected(period == "2025-Q3", scope.orgs...)
					for key, x := range want {
						if key == "n" || strings.HasPrefix(key, "n_") {
							continue
						}
						if key == "training_fill_rate" && want["n_fill"] == 0 {
							continue // Alfa runs no courses: its cell is empty, checked in TestSmallCells
						}
						indicator, kind, _ := cut(key)
						v := got.get(t, indicator, kind)
						n := want["n"]
						switch indicator {
						case "compliance_111":
							n = want["n_111"]
						case "training_no_show":
							n = want["n_no_show"]
						case "gap_mean":
							n = want["n_gap"]
						case "supervision_coverage":
							n = want["n_coverage"]
						case "training_fill_rate":
							n = want["n_fill"]
						}
						if v.Suppressed || v.Value == nil || v.N == nil {
							t.Fatalf("%s suppressed or empty: %+v", key, v)
						}
						if math.Abs(*v.Value-x) > 1e-9 || float64(*v.N) != n {
							t.Errorf("%s = %v (n %d), want %v (n %v)", key, *v.Value, *v.N, x, n)
						}
					}
				})
			}
		}
		// A sanity check that the seed is what the comments say: the year and the quarter differ.
		if y, q := w.expected(false), w.expected(true); y["assessment_agreed"] == q["assessment_agreed"] || y["training_hours_mean"] == q["training_hours_mean"] ||
			y["n_gap"] == q["n_gap"] || y["gap_mean/D1"] == q["gap_mean/D1"] {
			t.Fatalf("the seed does not tell the periods apart: %v %v", y, q)
		}
	})
}

func cut(key string) (indicator, kind string, ok bool) {
	for i := range key {
		if key[i] == '/' {
			return key[:i], key[i+1:], true
		}
	}
	return key, "", false
}

// TestSmallCells: Delta (two workers) is suppressed, and Epsilon (six) with it, because the region's total minus
// Alfa and Epsilon would otherwise give Delta's value; Alfa and the region stay. Gama's fill rate, of the 25
// registrations it confirmed, is shown; the offices, which run no courses, have none. Whatever the cells, the hidden
// organisations of a shown region together describe no one or at least five people, and a hidden cell has no
// value and no n. Region CZ064 has two workers: everything there is suppressed, never 0.
func TestSmallCells(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		cells := map[uuid.UUID]indicatorsJSON{}
		for _, org := range []uuid.UUID{w.w.OrgA.ID, w.w.Provider.ID, w.delta, w.epsilon} {
			cells[org] = w.indicators(t, "admin", "organization", org.String(), "2025")
		}
		region := w.indicators(t, "admin", "region", "CZ063", "2025")
		for _, v := range region.Indicators {
			if v.Suppressed {
				t.Fatalf("the region's %s %s is suppressed", v.Indicator, v.Kind)
			}
			hiddenPeople := 0
			for org, c := range cells {
				cell := c.get(t, v.Indicator, v.Kind)
				want := org == w.delta || org == w.epsilon || org == w.w.Provider.ID
				if v.Indicator == "training_fill_rate" { // Gama's seats are the only ones
					want = org != w.w.Provider.ID
				}
				if cell.Suppressed != want {
					t.Errorf("%s %s of %s: suppressed %v, want %v", v.Indicator, v.Kind, c.Name, cell.Suppressed, want)
				}
				if cell.Suppressed {
					if cell.Value != nil || cell.N != nil {
						t.Errorf("a suppressed cell tells %+v", cell)
					}
					hiddenPeople += int(w.expectedN(v.Indicator, org))
				}
			}
			if hiddenPeople > 0 && hiddenPeople < 5 {
				t.Errorf("%s %s: the region minus the shown organisations gives %d people", v.Indicator, v.Kind, hiddenPeople)
			}
		}
		// The region's breakdown is each organisation's own answer, the provider left out (it employs none of the
		// region's workers).
		seen := map[uuid.UUID]bool{}
		for _, o := range region.Organizations {
			seen[o.ID] = true
			if o.ID == w.w.Provider.ID {
				t.Errorf("the provider %s is in the breakdown", o.Name)
			}
			if own, ok := cells[o.ID]; ok && !reflect.DeepEqual(own.Indicators, o.Indicators) {
				t.Errorf("%s in the region: %+v, on its own: %+v", o.Name, o.Indicators, own.Indicators)
			}
		}
		if !seen[w.w.OrgA.ID] || !seen[w.delta] || !seen[w.epsilon] {
			t.Errorf("the breakdown lacks an organisation: %+v", region.Organizations)
		}
		if o := w.indicators(t, "admin", "organization", w.w.OrgA.ID.String(), "2025"); o.Organizations != nil {
			t.Errorf("an organisation's answer has a breakdown: %+v", o.Organizations)
		}
		// As a file too: a suppressed cell says so and shows neither a value nor a count.
		file := w.s.Get(t, "/api/v1/indicators?scope=region&id=CZ064&period=2025&format=csv&delimiter=semicolon", w.tok["methodologistB"])
		lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(file.Body), "\uFEFF")), "\r\n")
		if file.Status != 200 || len(lines) < 2 || lines[0] != "Organizace;Ukazatel;Druh;Jednotka;Hodnota;Počet osob" {
			t.Fatalf("csv: %d %q", file.Status, file.Body)
		}
		for _, l := range lines[1:] {
			if !strings.HasSuffix(l, ";potlačeno (méně než 5 osob);") {
				t.Errorf("a small cell in the file: %q", l)
			}
		}
		for _, c := range []indicatorsJSON{w.indicators(t, "methodologistB", "region", "CZ064", "2025"),
			w.indicators(t, "methodologistB", "organization", w.w.OrgB.ID.String(), "2025")} {
			for _, v := range c.Indicators {
				if !v.Suppressed || v.Value != nil || v.N != nil {
					t.Errorf("%s: %s %s of two people is shown: %+v", c.Name, v.Indicator, v.Kind, v)
				}
			}
		}
	})
}

// expectedN is how many people an organisation's cell of an indicator describes.
func (w *world) expectedN(indicator string, org uuid.UUID) float64 {
	n := 0.0
	if indicator == "training_fill_rate" {
		if org == w.w.Provider.ID {
			return w.fillYear[0]
		}
		return 0
	}
	if indicator == "supervision_coverage" {
		for _, tm := range w.teams {
			if tm.org == org {
				n += float64(tm.workers)
			}
		}
		return n
	}
	for _, p := range w.people {
		if p.counted && p.org == org && (indicator != "compliance_111" || p.social) && (indicator != "training_no_show" || p.recordedYear > 0) &&
			(indicator != "gap_mean" || p.gapYear != nil) {
			n++
		}
	}
	return n
}

// TestAuthorizationMatrix: every fixture person × every scope. A methodologist sees their region and its
// organisations, an organisation's admin that organisation, the operator everything; anyone else, and any unknown
// scope, is 404.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		type scope struct{ name, kind, id string }
		scopes := []scope{
			{"Alfa", "organization", e.w.OrgA.ID.String()}, {"Beta", "organization", e.w.OrgB.ID.String()},
			{"Gama", "organization", e.w.Provider.ID.String()}, {"unknown organisation", "organization", uuid.NewString()},
			{"CZ063", "region", "CZ063"}, {"CZ064", "region", "CZ064"}, {"CZ010 (no organisations)", "region", "CZ010"},
			{"CZ999", "region", "CZ999"},
		}
		sees := map[string][]string{
			"admin":          {"Alfa", "Beta", "Gama", "CZ063", "CZ064"},
			"adminA":         {"Alfa"},
			"methodologistA": {"Alfa", "Gama", "CZ063"},
			"methodologistB": {"Beta", "CZ064"},
		}
		for _, sc := range scopes {
			for _, who := range append(e.w.Names(), "nobody") {
				want := 404
				if slices.Contains(sees[who], sc.name) {
					want = 200
				}
				if who == "nobody" {
					want = 401
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, sc.name, want), func(t *testing.T) {
					r := e.s.Get(t, fmt.Sprintf("/api/v1/indicators?scope=%s&id=%s&period=2025-Q1", sc.kind, sc.id), e.tok[who])
					if r.Status != want {
						t.Fatalf("%d %s", r.Status, r.Body)
					}
				})
			}
		}
	})
}

// TestBadQueries: each refused with a problem naming the parameter.
func TestBadQueries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		org := e.w.OrgA.ID.String()
		for _, c := range []struct{ query, field string }{
			{"scope=organization&id=" + org + "&period=2025-Q5", "period"},
			{"scope=organization&id=" + org + "&period=25", "period"},
			{"scope=organization&id=" + org + "&period=1999", "period"},
			{"scope=organization&id=" + org, "period"},
			{"scope=team&id=" + org + "&period=2025", "scope"},
			{"scope=organization&id=alfa&period=2025", "id"},
			{"scope=organization&id=" + org + "&period=2025&indicator=happiness", "indicator"},
		} {
			t.Run(c.query, func(t *testing.T) {
				apitest.Expect(t, e.s.Get(t, "/api/v1/indicators?"+c.query, e.tok["admin"]), 422, c.field, c.query)
			})
		}
		// One indicator alone.
		r := e.s.Get(t, "/api/v1/indicators?scope=organization&id="+org+"&period=2025&indicator=support_hours", e.tok["admin"])
		var got indicatorsJSON
		r.JSON(t, &got)
		if r.Status != 200 || len(got.Indicators) != 6 || got.From != "2025-01-01" || got.To != "2025-12-31" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	})
}
