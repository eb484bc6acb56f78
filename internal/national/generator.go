// Package national makes the national data set of PRODUCT.md §6 — 14 regions, 227 OSPOD offices, NGOs and
// providers, 10,000 people with five years of assessments, plans, training, supervision and support — on either
// database, deterministically from a seed, so the load harness and EXPLAIN checks run on the scale the product is
// designed for. Rows are written directly in multi-row batches: the workflows are tested elsewhere, and going
// through the services would take hours.
package national

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// Options choose the data set.
type Options struct {
	Seed  uint64
	Scale float64 // 1.0 is the full national set; the counts of people, offices and sessions scale with it
	// Today anchors the five years of history; the same seed and day give the same rows.
	Today time.Time
	// Password, when set, lets every generated person sign in with it (one hash for all, for the load harness).
	Password string
	// Force adds the data to a database that already has people.
	Force    bool
	Progress io.Writer
}

// Count is the number of rows written to one table.
type Count struct {
	Table string
	Rows  int
}

// Domain is the e-mail domain of every generated person.
const Domain = "narodni.rozvoj.cz"

// chunk is the rows per INSERT: large enough to amortise a round trip, small enough for SQLite's statement size.
const chunk = 1000

// orpPerRegion is the number of ORP (obce s rozšířenou působností) per kraj, with Prague's 22 administrative
// districts: 227 OSPOD offices in all.
var orpPerRegion = map[string]int{
	"CZ010": 22, "CZ020": 26, "CZ031": 17, "CZ032": 15, "CZ041": 7, "CZ042": 16, "CZ051": 10,
	"CZ052": 15, "CZ053": 15, "CZ063": 15, "CZ064": 21, "CZ071": 13, "CZ072": 13, "CZ080": 22,
}

var (
	firstNames = []string{"Jana", "Petra", "Lucie", "Kateřina", "Markéta", "Tereza", "Lenka", "Hana", "Veronika",
		"Michaela", "Barbora", "Ivana", "Alena", "Monika", "Zuzana", "Eliška", "Radka", "Simona", "Klára", "Daniela",
		"Gabriela", "Irena", "Eva", "Martina", "Pavla", "Jiří", "Pavel", "Jakub", "Tomáš", "Martin", "Ondřej", "Roman"}
	surnames = []string{"Nováková", "Svobodová", "Dvořáková", "Černá", "Procházková", "Kučerová", "Veselá",
		"Horáková", "Němcová", "Marková", "Pokorná", "Pospíšilová", "Hájková", "Jelínková", "Králová", "Růžičková",
		"Benešová", "Fialová", "Sedláčková", "Doležalová", "Zemanová", "Kolářová", "Navrátilová", "Čermáková",
		"Urbanová", "Vaňková", "Blažková", "Šimková", "Holubová", "Kratochvílová"}
	places      = []string{"Praha", "Brno", "Ostrava", "Plzeň", "Olomouc", "Jihlava", "Pardubice", "Hradec Králové", "Liberec", "Zlín"}
	courseTopic = []string{"Rozhovor s dítětem", "Práce s rodinou v krizi", "Případová konference", "Domácí násilí",
		"Syndrom CAN", "Náhradní rodinná péče", "Kurátorská práce s mládeží", "Síťování služeb", "Právní minimum SPOD",
		"Supervize a péče o sebe", "Vyhodnocování potřeb dítěte", "Komunikace s rodiči v konfliktu"}
)

type gen struct {
	ctx    context.Context
	db     *database.DB
	rnd    *rand.Rand
	opt    Options
	now    time.Time
	counts []Count
	start  time.Time
}

type person struct {
	user     directory.User
	team     int // index into teams, -1 for none
	hired    time.Time
	levels   []int // base agreed level per competency
	assessed []assessedYear
}

type assessedYear struct {
	at     time.Time
	levels []int
}

type team struct {
	team    directory.Team
	lead    uuid.UUID
	members []int // indexes into people
	region  string
}

// Generate writes the data set and returns the rows per table. The database must be prepared (migrations and the
// shipped competency model, app.Prepare) and, unless Force, hold no people.
func Generate(ctx context.Context, db *database.DB, opt Options) ([]Count, error) {
	if opt.Scale <= 0 || opt.Scale > 10 {
		return nil, fmt.Errorf("scale %v: give a factor above 0 and at most 10 (1 is the national set)", opt.Scale)
	}
	if !opt.Force {
		n, err := db.NewSelect().Table("users").Count(ctx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, fmt.Errorf("the database has %d people already (demo or real data); the national data set goes into an "+
				"empty database, or add --force to write it beside them", n)
		}
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	if opt.Progress == nil {
		opt.Progress = io.Discard
	}
	y, m, d := opt.Today.UTC().Date()
	g := &gen{ctx: ctx, db: db, opt: opt, rnd: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)),
		now: time.Date(y, m, d, 6, 0, 0, 0, time.UTC), start: time.Now()}
	if err := g.run(); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil { // the planner needs statistics after a bulk load
		return nil, err
	}
	return g.counts, nil
}

// id is a version 4 UUID drawn from the seeded generator, so ids repeat with the seed.
func (g *gen) id() uuid.UUID {
	var u uuid.UUID
	binary.LittleEndian.PutUint64(u[:8], g.rnd.Uint64())
	binary.LittleEndian.PutUint64(u[8:], g.rnd.Uint64())
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

func (g *gen) scaled(full float64, least int) int {
	return max(least, int(math.Round(full*g.opt.Scale)))
}

// sink buffers rows of one table and writes them a chunk at a time, within the phase's transaction.
type sink[T any] struct {
	tx  bun.Tx
	ctx context.Context
	buf []T
	n   int
	// before flushes the rows these refer to, so a child row is never written ahead of its parent.
	before func() error
}

func (s *sink[T]) add(row T) error {
	s.buf = append(s.buf, row)
	if len(s.buf) >= chunk {
		return s.flush()
	}
	return nil
}

func (s *sink[T]) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	if s.before != nil {
		if err := s.before(); err != nil {
			return err
		}
	}
	if _, err := s.tx.NewInsert().Model(&s.buf).Exec(s.ctx); err != nil {
		var zero T
		return fmt.Errorf("insert %T: %w", zero, err)
	}
	s.n += len(s.buf)
	s.buf = s.buf[:0]
	return nil
}

func newSink[T any](g *gen, tx bun.Tx) *sink[T] {
	return &sink[T]{tx: tx, ctx: g.ctx, buf: make([]T, 0, chunk)}
}

// insertAll writes rows in chunks.
func insertAll[T any](g *gen, tx bun.Tx, rows []T) error {
	s := newSink[T](g, tx)
	for _, r := range rows {
		if err := s.add(r); err != nil {
			return err
		}
	}
	return s.flush()
}

// phase runs one part of the load in its own transaction and records its tables' counts.
func (g *gen) phase(name string, fn func(tx bun.Tx) ([]Count, error)) error {
	began := time.Now()
	var counts []Count
	err := g.db.RunInTx(g.ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		counts, err = fn(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("national %s: %w", name, err)
	}
	g.counts = append(g.counts, counts...)
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%s %d", c.Table, c.Rows)
	}
	fmt.Fprintf(g.opt.Progress, "national: %-12s %6.1fs (total %6.1fs)  %s\n", name, time.Since(began).Seconds(),
		time.Since(g.start).Seconds(), strings.Join(parts, ", "))
	return nil
}

func (g *gen) run() error {
	fw := framework.NewService(g.db)
	current, err := fw.CurrentPublished(g.ctx)
	if err != nil {
		return fmt.Errorf("the published competency model (run the migrations and the shipped model first): %w", err)
	}
	competencies, err := fw.CompetencyIDs(g.ctx, current.ID)
	if err != nil {
		return err
	}
	var positions []directory.Position
	if err := g.db.NewSelect().Model(&positions).Scan(g.ctx); err != nil {
		return err
	}
	position := map[string]uuid.UUID{}
	for _, p := range positions {
		position[p.Code] = p.ID
	}
	hash := ""
	if g.opt.Password != "" {
		if hash, err = auth.HashPassword(g.opt.Password); err != nil {
			return err
		}
	}

	w := &world{gen: g, position: position, hash: hash, competencies: competencies, frameworkID: current.ID}
	w.build()
	for _, p := range []struct {
		name string
		fn   func(tx bun.Tx) ([]Count, error)
	}{
		{"directory", w.writeDirectory},
		{"assessments", w.writeAssessments},
		{"plans", w.writePlans},
		{"training", w.writeTraining},
		{"supervision", w.writeSupervision},
		{"support", w.writeSupport},
	} {
		if err := g.phase(p.name, p.fn); err != nil {
			return err
		}
	}
	return nil
}

// world is the directory of the data set, kept in memory to draw the history from.
type world struct {
	*gen
	position     map[string]uuid.UUID
	hash         string
	competencies []uuid.UUID
	frameworkID  uuid.UUID

	orgs        []directory.Organization
	providers   []int // indexes into orgs
	people      []person
	teams       []team
	roles       []directory.RoleAssignment
	supervisors []uuid.UUID
	trainers    map[uuid.UUID][]uuid.UUID // by provider
	byRegion    map[string][]int          // team people by region
}

// ico makes a valid, unique IČO from a sequence number: seven digits and the mod-11 check digit.
func ico(n int) string {
	s := fmt.Sprintf("6%06d", n)
	sum := 0
	for i := range 7 {
		sum += int(s[i]-'0') * (8 - i)
	}
	return s + fmt.Sprint((11-sum%11)%10)
}

func (w *world) org(kind, name, region string, parent *uuid.UUID) int {
	created := w.now.AddDate(-6, 0, 0)
	w.orgs = append(w.orgs, directory.Organization{ID: w.id(), Kind: kind, Name: name, SearchText: strings.ToLower(name),
		ICO: ico(len(w.orgs) + 1), ParentID: parent, RegionCode: &region, Active: true, Version: 1, CreatedAt: created, UpdatedAt: created})
	return len(w.orgs) - 1
}

func (w *world) user(org *uuid.UUID, positionCode, employment string, hired time.Time) directory.User {
	n := len(w.people) + len(w.supervisors) + 1
	name := firstNames[w.rnd.IntN(len(firstNames))] + " " + surnames[w.rnd.IntN(len(surnames))]
	u := directory.User{ID: w.id(), Email: fmt.Sprintf("osoba%05d@%s", n, Domain), Name: name,
		SearchText: strings.ToLower(name), PasswordHash: w.hash, OrganizationID: org, Active: true, Version: 1,
		CreatedAt: w.now.AddDate(-6, 0, 0), UpdatedAt: w.now.AddDate(-6, 0, 0)}
	if id, ok := w.position[positionCode]; ok {
		u.PositionID = &id
	}
	if employment != "" {
		u.EmploymentType = &employment
		hiredOn := database.NewDate(hired.Date())
		probation := database.NewDate(hired.AddDate(0, 3, -1).Date())
		fte := 1.0
		if w.rnd.IntN(10) == 0 {
			fte = 0.5
		}
		u.HiredOn, u.ProbationEnd, u.FTE = &hiredOn, &probation, &fte
	}
	return u
}

func (w *world) role(user uuid.UUID, role auth.Role, org, team *uuid.UUID, region *string) {
	w.roles = append(w.roles, directory.RoleAssignment{ID: w.id(), UserID: user, Role: role, OrganizationID: org,
		TeamID: team, RegionCode: region, CreatedAt: w.now.AddDate(-6, 0, 0)})
}

// hireDate: most staff have been there longer than the five years of history, a fifth joined during them.
func (w *world) hireDate() time.Time {
	if w.rnd.IntN(5) == 0 {
		return w.now.AddDate(0, 0, -w.rnd.IntN(5*365))
	}
	return w.now.AddDate(-5, 0, -w.rnd.IntN(20*365))
}

// build draws the organisations, people and teams: offices per region in proportion to its ORP, teams of 5–12
// with a lead, methodologists per region, supervisors and trainers.
func (w *world) build() {
	regionIdx := map[string]int{}
	for _, r := range directory.Regions {
		regionIdx[r.Code] = w.org(directory.KindRegion, r.NameCS, r.Code, nil)
	}
	offices := w.scaled(227, 1)
	var officeIdx []int
	for k := range offices {
		// Offices spread over the regions by their ORP counts: the k-th office falls where the cumulative share does.
		target, acc := (float64(k)+0.5)/float64(offices)*227, 0.0
		for _, r := range directory.Regions {
			acc += float64(orpPerRegion[r.Code])
			if target < acc {
				parent := w.orgs[regionIdx[r.Code]].ID
				officeIdx = append(officeIdx, w.org(directory.KindMunicipality, fmt.Sprintf("Městský úřad %s %d", r.NameCS, k+1), r.Code, &parent))
				break
			}
		}
	}
	var ngoIdx []int
	for k := range w.scaled(60, 1) {
		r := directory.Regions[k%len(directory.Regions)]
		parent := w.orgs[regionIdx[r.Code]].ID
		ngoIdx = append(ngoIdx, w.org(directory.KindNGO, fmt.Sprintf("Doprovázení %s %d, z. s.", r.NameCS, k+1), r.Code, &parent))
	}
	for k := range w.scaled(20, 1) {
		r := directory.Regions[k%len(directory.Regions)]
		parent := w.orgs[regionIdx[r.Code]].ID
		w.providers = append(w.providers, w.org(directory.KindProvider, fmt.Sprintf("Vzdělávací institut %d, s.r.o.", k+1), r.Code, &parent))
	}

	total := w.scaled(10000, 12)
	for range max(1, total/100) {
		u := w.user(nil, "external-supervisor", "", time.Time{})
		w.people = append(w.people, person{user: u, team: -1})
		w.supervisors = append(w.supervisors, u.ID)
		w.role(u.ID, auth.Supervisor, nil, nil, nil)
	}
	w.trainers = map[uuid.UUID][]uuid.UUID{}
	for _, pi := range w.providers {
		org := w.orgs[pi].ID
		for range 2 {
			u := w.user(&org, "trainer", "employee", w.hireDate())
			w.people = append(w.people, person{user: u, team: -1})
			w.trainers[org] = append(w.trainers[org], u.ID)
			w.role(u.ID, auth.Provider, &org, nil, nil)
		}
	}
	for _, r := range directory.Regions {
		if len(w.people) >= total/10 {
			break // a small set keeps most of its people in teams
		}
		org, code := w.orgs[regionIdx[r.Code]].ID, r.Code
		u := w.user(&org, "regional-methodologist", "official", w.hireDate())
		w.people = append(w.people, person{user: u, team: -1})
		w.role(u.ID, auth.Methodologist, nil, nil, &code)
	}
	adminOrg := w.orgs[regionIdx["CZ010"]].ID
	admin := w.user(&adminOrg, "administrator", "official", w.hireDate())
	w.people = append(w.people, person{user: admin, team: -1})
	w.role(admin.ID, auth.Admin, nil, nil, nil)

	w.byRegion = map[string][]int{}
	perOrg := map[int]int{}
	for len(w.people) < total {
		oi := officeIdx[w.rnd.IntN(len(officeIdx))]
		lead, member, employment := "spod-department-head", []string{"ospod-social-worker", "ospod-social-worker",
			"ospod-social-worker", "youth-justice-curator", "substitute-family-care-worker", "network-worker"}, "official"
		if w.rnd.IntN(7) == 0 {
			oi = ngoIdx[w.rnd.IntN(len(ngoIdx))]
			lead, member, employment = "foster-care-key-worker", []string{"foster-care-key-worker"}, "employee"
		}
		o := w.orgs[oi]
		perOrg[oi]++
		name := fmt.Sprintf("Oddělení sociálně-právní ochrany dětí %d", perOrg[oi])
		if o.Kind == directory.KindNGO {
			name = fmt.Sprintf("Tým doprovázení %d", perOrg[oi])
		}
		t := team{team: directory.Team{ID: w.id(), OrganizationID: o.ID, Name: name, SearchText: strings.ToLower(name),
			Active: true, Version: 1, CreatedAt: o.CreatedAt, UpdatedAt: o.CreatedAt}, region: *o.RegionCode}
		ti := len(w.teams)
		size := min(5+w.rnd.IntN(8), total-len(w.people))
		for k := range size {
			code := lead
			if k > 0 {
				code = member[w.rnd.IntN(len(member))]
			}
			u := w.user(&o.ID, code, employment, w.hireDate())
			t.members = append(t.members, len(w.people))
			w.byRegion[t.region] = append(w.byRegion[t.region], len(w.people))
			w.role(u.ID, auth.Worker, nil, nil, nil)
			if k == 0 {
				t.lead = u.ID
				w.role(u.ID, auth.Lead, nil, &t.team.ID, nil)
			}
			w.people = append(w.people, person{user: u, team: ti, hired: u.HiredOn.Time})
		}
		w.teams = append(w.teams, t)
	}
}

type teamMember struct {
	bun.BaseModel `bun:"table:team_members"`

	TeamID uuid.UUID `bun:"team_id"`
	UserID uuid.UUID `bun:"user_id"`
}

func (w *world) writeDirectory(tx bun.Tx) ([]Count, error) {
	regions, rest := w.orgs[:len(directory.Regions)], w.orgs[len(directory.Regions):]
	if err := insertAll(w.gen, tx, regions); err != nil { // parents first
		return nil, err
	}
	if err := insertAll(w.gen, tx, rest); err != nil {
		return nil, err
	}
	users := make([]directory.User, len(w.people))
	for i, p := range w.people {
		users[i] = p.user
	}
	if err := insertAll(w.gen, tx, users); err != nil {
		return nil, err
	}
	teams := make([]directory.Team, len(w.teams))
	var members []teamMember
	for i, t := range w.teams {
		teams[i] = t.team
		for _, m := range t.members {
			members = append(members, teamMember{TeamID: t.team.ID, UserID: w.people[m].user.ID})
		}
	}
	for _, step := range []func() error{
		func() error { return insertAll(w.gen, tx, teams) },
		func() error { return insertAll(w.gen, tx, members) },
		func() error { return insertAll(w.gen, tx, w.roles) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return []Count{{"organizations", len(w.orgs)}, {"users", len(users)}, {"teams", len(teams)},
		{"team_members", len(members)}, {"role_assignments", len(w.roles)}}, nil
}

// writeAssessments gives every team member a yearly assessment for each of the five years they were employed,
// rating every competency, agreed but for some of this year's; the agreed levels drift up over the years as
// people learn.
func (w *world) writeAssessments(tx bun.Tx) ([]Count, error) {
	ratings := newSink[assessment.Rating](w.gen, tx)
	type pending struct {
		a       assessment.Assessment
		ratings []assessment.Rating
	}
	var batch []pending
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		as := make([]assessment.Assessment, len(batch))
		for i, b := range batch {
			as[i] = b.a
		}
		if err := insertAll(w.gen, tx, as); err != nil {
			return err
		}
		for _, b := range batch {
			for _, r := range b.ratings {
				if err := ratings.add(r); err != nil {
					return err
				}
			}
		}
		batch = batch[:0]
		return nil
	}
	n := 0
	for i := range w.people {
		p := &w.people[i]
		if p.team < 0 {
			continue
		}
		lead := w.teams[p.team].lead
		p.levels = make([]int, len(w.competencies))
		for c := range p.levels {
			p.levels[c] = 1 + w.rnd.IntN(3)
		}
		for y := 4; y >= 0; y-- {
			at := w.now.AddDate(-y, 0, -w.rnd.IntN(300))
			// One in eight of this year's assessments is still under way: submitted, or reviewed by the lead.
			state := assessment.Agreed
			if y == 0 && w.rnd.IntN(8) == 0 {
				state, at = []string{assessment.Submitted, assessment.Reviewed}[w.rnd.IntN(2)], w.now.AddDate(0, 0, -w.rnd.IntN(20))
			}
			if at.Before(p.hired) {
				continue
			}
			due := database.NewDate(at.Date())
			a := assessment.Assessment{ID: w.id(), PersonID: p.user.ID, FrameworkID: w.frameworkID, State: state,
				Version: 5, SubmittedAt: ptr(at.AddDate(0, 0, -14)), ReviewedAt: ptr(at.AddDate(0, 0, -7)), AgreedAt: &at,
				DueOn: &due, CreatedAt: at.AddDate(0, 0, -30), UpdatedAt: at}
			switch state {
			case assessment.Submitted:
				a.Version, a.ReviewedAt, a.AgreedAt = 2, nil, nil
			case assessment.Reviewed:
				a.Version, a.AgreedAt = 3, nil
			}
			if lead != p.user.ID {
				a.ReviewerID = &lead
			}
			levels := make([]int, len(w.competencies))
			rs := make([]assessment.Rating, len(w.competencies))
			for c, cid := range w.competencies {
				if len(p.assessed) > 0 && p.levels[c] < 4 && w.rnd.IntN(3) == 0 {
					p.levels[c]++
				}
				agreed := p.levels[c]
				self := min(4, max(1, agreed+w.rnd.IntN(3)-1))
				levels[c] = agreed
				rs[c] = assessment.Rating{AssessmentID: a.ID, CompetencyID: cid, SelfLevel: &self, LeadLevel: &agreed, AgreedLevel: &levels[c]}
				switch state {
				case assessment.Submitted:
					rs[c].LeadLevel, rs[c].AgreedLevel = nil, nil
				case assessment.Reviewed:
					rs[c].AgreedLevel = nil
				}
			}
			if state == assessment.Agreed { // a plan follows an agreed assessment
				p.assessed = append(p.assessed, assessedYear{at: at, levels: levels})
			}
			batch = append(batch, pending{a, rs})
			n++
			if len(batch) >= chunk/10 {
				if err := flush(); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := ratings.flush(); err != nil {
		return nil, err
	}
	return []Count{{"assessments", n}, {"assessment_ratings", ratings.n}}, nil
}

func ptr[T any](v T) *T { return &v }
