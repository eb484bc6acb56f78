package assessment_test

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/apitest"
	assess "github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/framework"
)

type profileBody struct {
	AssessmentID   *string `json:"assessment_id"`
	NextDue        string  `json:"next_due"`
	Overdue        bool    `json:"overdue"`
	OpenAssessment *struct {
		State string `json:"state"`
	} `json:"open_assessment"`
	Competencies []struct {
		CompetencyID  string `json:"competency_id"`
		AgreedLevel   *int   `json:"agreed_level"`
		NotApplicable bool   `json:"not_applicable"`
		ExpectedLevel *int   `json:"expected_level"`
		Gap           *int   `json:"gap"`
	} `json:"competencies"`
	Domains []struct {
		DomainID   string   `json:"domain_id"`
		AgreedMean *float64 `json:"agreed_mean"`
		GapMean    *float64 `json:"gap_mean"`
		Below      int      `json:"below"`
	} `json:"domains"`
	History []struct {
		AssessmentID string `json:"assessment_id"`
		Domains      []struct {
			AgreedMean *float64 `json:"agreed_mean"`
		} `json:"domains"`
	} `json:"history"`
}

type heatmapBody struct {
	Competencies []struct {
		CompetencyID string `json:"competency_id"`
		DomainID     string `json:"domain_id"`
	} `json:"competencies"`
	Domains []struct {
		DomainID string `json:"domain_id"`
	} `json:"domains"`
	People []struct {
		PersonID   string `json:"person_id"`
		Name       string `json:"name"`
		Overdue    bool   `json:"overdue"`
		Cells      []assess.Cell
		DomainGaps []*float64 `json:"domain_gaps"`
	} `json:"people"`
	DomainMeans []*float64 `json:"domain_means"`
}

// agreed stores an agreed assessment as the workflow would leave it: level per competency (0 = not
// applicable; a competency missing from levels was not in the version the person was assessed against).
func agreed(t *testing.T, db bun.IDB, person uuid.UUID, frameworkID uuid.UUID, at time.Time, levels map[uuid.UUID]int) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	a := &assess.Assessment{ID: uuid.Must(uuid.NewV7()), PersonID: person, FrameworkID: frameworkID, State: assess.Agreed,
		Version: 5, SubmittedAt: &at, ReviewedAt: &at, AgreedAt: &at, CreatedAt: at, UpdatedAt: at}
	if _, err := db.NewInsert().Model(a).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var rows []assess.Rating
	for cid, l := range levels {
		r := assess.Rating{AssessmentID: a.ID, CompetencyID: cid, SelfNotApplicable: l == 0, LeadNotApplicable: l == 0}
		if l > 0 {
			level := l
			r.SelfLevel, r.LeadLevel, r.AgreedLevel = &level, &level, &level
		}
		rows = append(rows, r)
	}
	if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func mean(xs []int) *float64 {
	if len(xs) == 0 {
		return nil
	}
	sum := 0
	for _, x := range xs {
		sum += x
	}
	m := math.Round(float64(sum)/float64(len(xs))*100) / 100
	return &m
}

func sameMean(a, b *float64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && math.Abs(*a-*b) < 0.006)
}

// TestProfileAndHeatmap checks the numbers of a person's profile and of the team heatmap against values
// computed here from the stored levels: the latest agreed assessment counts, a region's refinement of the
// position profile wins over the national one, not-applicable and not-assessed competencies have no gap,
// and the yearly due day follows the last agreement or the hiring.
func TestProfileAndHeatmap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		fws := framework.NewService(db)
		current, err := fws.CurrentPublished(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var positionID uuid.UUID
		if err := db.NewSelect().Table("positions").Column("id").Where("code = 'ospod-social-worker'").Scan(ctx, &positionID); err != nil {
			t.Fatal(err)
		}
		hired := database.NewDate(2020, 1, 15)
		for _, u := range []uuid.UUID{w.WorkerA1.ID, w.LeadA1.ID, w.WorkerB1.ID} {
			if _, err := db.NewUpdate().Table("users").Set("position_id = ?", positionID).Set("hired_on = ?", hired).Where("id = ?", u).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		national, err := fws.PositionProfile(ctx, positionID, &current.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		competencies, err := fws.CompetencyIDs(ctx, current.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Region CZ063 (organisation A) expects more of the first competency than the nation does.
		expected := map[uuid.UUID]*int{}
		var refine framework.ProfileInput
		for _, l := range national.Levels {
			expected[l.CompetencyID] = l.Level
			level := l.Level
			if l.CompetencyID == competencies[0] {
				v := 4
				if l.Level != nil && *l.Level == 4 {
					v = 1
				}
				level = &v
				expected[l.CompetencyID] = level
			}
			refine.Levels = append(refine.Levels, struct {
				CompetencyID string `json:"competency_id" validate:"required,uuid"`
				Level        *int   `json:"level" validate:"omitempty,min=1,max=4"`
			}{l.CompetencyID.String(), level})
		}
		methodologist := &auth.Principal{UserID: w.MethodologistA.ID, Grants: []auth.Grant{{Role: auth.Methodologist, RegionCode: "CZ063"}}}
		if _, err := fws.SetProfile(ctx, methodologist, positionID, current.ID, "CZ063", refine); err != nil {
			t.Fatal(err)
		}

		old := time.Now().UTC().AddDate(-2, 0, 0).Truncate(time.Second)
		recent := time.Now().UTC().AddDate(0, 0, -100).Truncate(time.Second)
		oldLevels, recentLevels := map[uuid.UUID]int{}, map[uuid.UUID]int{}
		for i, cid := range competencies {
			oldLevels[cid] = 1
			switch {
			case i == 1:
				recentLevels[cid] = 0 // not applicable
			case i == 2: // not in the version assessed
			default:
				recentLevels[cid] = 1 + i%4
			}
		}
		oldID := agreed(t, db, w.WorkerA1.ID, current.ID, old, oldLevels)
		recentID := agreed(t, db, w.WorkerA1.ID, current.ID, recent, recentLevels)

		var p profileBody
		path := apitest.Path("people", w.WorkerA1.ID, "competency-profile")
		if r := s.Get(t, path, tok["workerA1"]); r.Status != 200 {
			t.Fatalf("own profile: %d %s", r.Status, r.Body)
		} else {
			r.JSON(t, &p)
		}
		if p.AssessmentID == nil || *p.AssessmentID != recentID.String() {
			t.Errorf("assessment_id = %v, want the latest %s", p.AssessmentID, recentID)
		}
		if want := recent.AddDate(1, 0, 0).Format("2006-01-02"); p.NextDue != want || p.Overdue {
			t.Errorf("due %s overdue %v, want %s not overdue", p.NextDue, p.Overdue, want)
		}
		if len(p.Competencies) != len(competencies) {
			t.Fatalf("%d competencies, want %d", len(p.Competencies), len(competencies))
		}
		gaps := map[string]*int{}
		for i, c := range p.Competencies {
			cid := uuid.MustParse(c.CompetencyID)
			if _, known := expected[cid]; !known {
				t.Fatalf("competency %d (%s) is not in the position profile", i, cid)
			}
			exp := expected[cid]
			if (exp == nil) != (c.ExpectedLevel == nil) || (exp != nil && *exp != *c.ExpectedLevel) {
				t.Errorf("%d: expected_level %v, want %v", i, c.ExpectedLevel, exp)
			}
			level, rated := recentLevels[cid]
			var wantGap *int
			if rated && level > 0 && exp != nil {
				g := *exp - level
				wantGap = &g
			}
			if (wantGap == nil) != (c.Gap == nil) || (wantGap != nil && *wantGap != *c.Gap) {
				t.Errorf("%d: gap %v, want %v", i, c.Gap, wantGap)
			}
			if c.NotApplicable != (rated && level == 0) {
				t.Errorf("%d: not_applicable %v", i, c.NotApplicable)
			}
			gaps[c.CompetencyID] = c.Gap
		}

		// Domain means over what is known, from the same numbers.
		var tree struct {
			Domains []struct {
				ID       string `json:"id"`
				Children []struct {
					ID string `json:"id"`
				} `json:"children"`
			} `json:"domains"`
		}
		s.Get(t, apitest.Path("frameworks", current.ID), tok["workerA1"]).JSON(t, &tree)
		domainOf := map[string]string{}
		for _, d := range tree.Domains {
			for _, c := range d.Children {
				domainOf[c.ID] = d.ID
			}
		}
		first := p.Domains[0]
		var levels, domainGaps []int
		below := 0
		for cid, l := range recentLevels {
			if domainOf[cid.String()] != first.DomainID || l == 0 {
				continue
			}
			levels = append(levels, l)
			if g := gaps[cid.String()]; g != nil {
				domainGaps = append(domainGaps, *g)
				if *g > 0 {
					below++
				}
			}
		}
		if !sameMean(first.AgreedMean, mean(levels)) || !sameMean(first.GapMean, mean(domainGaps)) || first.Below != below {
			t.Errorf("first domain: agreed %v gap %v below %d; want %v %v %d", first.AgreedMean, first.GapMean, first.Below, mean(levels), mean(domainGaps), below)
		}
		if len(p.History) != 2 || p.History[0].AssessmentID != oldID.String() || p.History[1].AssessmentID != recentID.String() {
			t.Fatalf("history: %+v", p.History)
		}
		if m := p.History[0].Domains[0].AgreedMean; m == nil || *m != 1 {
			t.Errorf("old assessment's first domain mean %v, want 1", m)
		}

		// Who sees the profile: the person and their lead; nobody else learns the person is there.
		for who, status := range map[string]int{"leadA1": 200, "leadB1": 404, "workerA2": 404, "admin": 404, "adminA": 404,
			"methodologistA": 404, "providerP": 404, "supervisor": 404} {
			if r := s.Get(t, path, tok[who]); r.Status != status {
				t.Errorf("%s reads the profile: %d, want %d", who, r.Status, status)
			}
		}
		// Never assessed, hired in 2020: overdue.
		s.Get(t, apitest.Path("people", w.WorkerB1.ID, "competency-profile"), tok["leadB1"]).JSON(t, &p)
		if p.AssessmentID != nil || !p.Overdue || p.NextDue != "2021-01-15" {
			t.Errorf("never assessed: %+v", p)
		}
		// A draft in progress shows to its author only.
		if r := s.Post(t, "/api/v1/assessments", tok["workerA1"], nil); r.Status != 201 {
			t.Fatalf("start: %d %s", r.Status, r.Body)
		}
		s.Get(t, path, tok["workerA1"]).JSON(t, &p)
		if p.OpenAssessment == nil || p.OpenAssessment.State != "draft" {
			t.Errorf("own open draft: %+v", p.OpenAssessment)
		}
		s.Get(t, path, tok["leadA1"]).JSON(t, &p)
		if p.OpenAssessment != nil {
			t.Errorf("the lead sees a draft in the profile: %+v", p.OpenAssessment)
		}

		// The heatmap has the same numbers for every member of the team.
		var h heatmapBody
		hpath := apitest.Path("teams", w.TeamA1.ID, "heatmap")
		if r := s.Get(t, hpath, tok["leadA1"]); r.Status != 200 {
			t.Fatalf("heatmap: %d %s", r.Status, r.Body)
		} else {
			r.JSON(t, &h)
		}
		if len(h.People) != 2 || h.People[0].Name != "Pracovnice A1" || h.People[1].Name != "Vedoucí A1" {
			t.Fatalf("people by name: %+v", h.People)
		}
		if len(h.Competencies) != len(competencies) || len(h.DomainMeans) != len(h.Domains) {
			t.Fatalf("%d columns, %d domain means for %d domains", len(h.Competencies), len(h.DomainMeans), len(h.Domains))
		}
		worker, lead := h.People[0], h.People[1]
		for i, c := range worker.Cells {
			if h.Competencies[i].CompetencyID != p.Competencies[i].CompetencyID {
				t.Fatalf("column %d is %s in the heatmap and %s in the profile", i, h.Competencies[i].CompetencyID, p.Competencies[i].CompetencyID)
			}
			if g := gaps[h.Competencies[i].CompetencyID]; (g == nil) != (c.Gap == nil) || (g != nil && *g != *c.Gap) {
				t.Errorf("heatmap cell %d: gap %v, want %v", i, c.Gap, g)
			}
			if lead.Cells[i].Agreed != nil || lead.Cells[i].Gap != nil {
				t.Errorf("the never-assessed lead has a level in cell %d", i)
			}
		}
		if !sameMean(worker.DomainGaps[0], first.GapMean) || !sameMean(h.DomainMeans[0], first.GapMean) {
			t.Errorf("domain gaps: person %v, team %v, want %v (the lead has no gaps)", worker.DomainGaps[0], h.DomainMeans[0], first.GapMean)
		}
		if worker.Overdue || !lead.Overdue {
			t.Errorf("overdue: worker %v, lead %v", worker.Overdue, lead.Overdue)
		}
		// As a file: a row per person and competency carrying the JSON's cells; the same refusals.
		recs := apitest.Expect(t, s.Get(t, hpath+"?format=csv&delimiter=semicolon", tok["leadA1"]), 200, "", "heatmap csv").CSV(t, ';')
		if len(recs) != 1+2*len(h.Competencies) || strings.Join(recs[0], ";") !=
			"Pracovník;Dohodnuto dne;Příští hodnocení;Po termínu;Oblast;Kompetence;Očekávaná úroveň;Dohodnutá úroveň;Rozdíl;Neuplatňuje se" {
			t.Fatalf("heatmap csv: %d rows, header %q", len(recs), recs[0])
		}
		level := func(v *int) string {
			if v == nil {
				return ""
			}
			return strconv.Itoa(*v)
		}
		for i, c := range worker.Cells {
			row := recs[1+i]
			if row[0] != "Pracovnice A1" || row[6] != level(c.Expected) || row[7] != level(c.Agreed) || row[8] != level(c.Gap) ||
				row[9] != map[bool]string{true: "ano", false: "ne"}[c.NotApplicable] || row[3] != "ne" {
				t.Errorf("heatmap csv row %d: %q, cell %+v", i, row, c)
			}
		}
		if row := recs[1+len(h.Competencies)]; row[0] != "Vedoucí A1" || row[3] != "ano" || row[7] != "" {
			t.Errorf("the lead's first row: %q", row)
		}
		book, sheet := apitest.Expect(t, s.Get(t, hpath+"?format=xlsx", tok["leadA1"]), 200, "", "heatmap xlsx").XLSX(t)
		apitest.WantNumberCells(t, book, sheet, "G2")
		apitest.Expect(t, s.Get(t, hpath+"?format=pdf", tok["leadA1"]), 422, "format", "an unknown format")
		for who, status := range map[string]int{"workerA1": 403, "adminA": 403, "admin": 403, "leadB1": 404, "workerA2": 404,
			"methodologistA": 404, "providerP": 404} {
			if r := s.Get(t, hpath, tok[who]); r.Status != status {
				t.Errorf("%s reads the heatmap: %d, want %d", who, r.Status, status)
			}
			if r := s.Get(t, hpath+"?format=csv", tok[who]); r.Status != status {
				t.Errorf("%s reads the heatmap's file: %d, want %d", who, r.Status, status)
			}
		}
		if r := s.Get(t, apitest.Path("teams", uuid.New(), "heatmap"), tok["leadA1"]); r.Status != 404 {
			t.Errorf("unknown team: %d", r.Status)
		}
	})
}
