package assessment

import (
	"context"
	"math"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// A person's competency profile is their latest agreed levels; the gap is the level their position's profile
// expects minus the agreed level, so a positive gap is what is left to develop. The team heatmap is the same
// grid for every member of a team. Both read the current published version of the model: competency
// identifiers survive from version to version, so levels agreed against an older version still count.

// Cell is one person × competency: the agreed level (nil: not assessed, or not applicable), the expected one
// (nil: the position does not expect it) and the gap when both are known.
type Cell struct {
	Agreed        *int `json:"agreed"`
	Expected      *int `json:"expected"`
	Gap           *int `json:"gap"`
	NotApplicable bool `json:"not_applicable"`
}

// DomainColumn and CompetencyColumn are the grid's columns, in the model's order.
type DomainColumn struct {
	DomainID uuid.UUID `bun:"id" json:"domain_id"`
	Code     string    `bun:"code" json:"code"`
}

type CompetencyColumn struct {
	CompetencyID uuid.UUID `bun:"id" json:"competency_id"`
	DomainID     uuid.UUID `bun:"parent_id" json:"domain_id"`
	Code         string    `bun:"code" json:"code"`
}

// Due says when a person's next yearly assessment is due (SPOD standard 6a) and whether it is late.
type Due struct {
	NextDue database.Date `json:"next_due"`
	Overdue bool          `json:"overdue"`
}

// DueSoon is how long before the due day a person is reminded and listed as "due soon".
const DueSoon = 30 * 24 * time.Hour

// nextDue: a year after the last agreed assessment; the first one at the end of the probation period, else a
// year after hiring, else a year after the account was made.
func nextDue(lastAgreed *time.Time, probationEnd, hiredOn *database.Date, created time.Time) database.Date {
	switch {
	case lastAgreed != nil:
		return dayOf(lastAgreed.UTC().AddDate(1, 0, 0))
	case probationEnd != nil:
		return *probationEnd
	case hiredOn != nil:
		return dayOf(hiredOn.AddDate(1, 0, 0))
	default:
		return dayOf(created.UTC().AddDate(1, 0, 0))
	}
}

func dueOf(next database.Date, now time.Time) Due {
	return Due{NextDue: next, Overdue: next.Before(dayOf(now).Time)}
}

func dayOf(t time.Time) database.Date { return database.NewDate(t.Year(), t.Month(), t.Day()) }

// today is the calendar day in UTC, as due days are compared.
func today() database.Date { return dayOf(database.Now()) }

// gridRow is one row of the grid query: a person's facts (repeated on each of their rows), one competency, and
// the aggregates the database computed over the person's domain and over the whole group.
type gridRow struct {
	PersonID     uuid.UUID      `bun:"person_id"`
	Name         string         `bun:"name"`
	PositionCode *string        `bun:"position_code"`
	HiredOn      *database.Date `bun:"hired_on"`
	ProbationEnd *database.Date `bun:"probation_end"`
	CreatedAt    time.Time      `bun:"created_at"`
	AssessmentID *uuid.UUID     `bun:"assessment_id"`
	AgreedAt     *time.Time     `bun:"agreed_at"`
	CompetencyID uuid.UUID      `bun:"competency_id"`
	DomainID     uuid.UUID      `bun:"domain_id"`
	Agreed       *int           `bun:"agreed_level"`
	Rated        bool           `bun:"rated"`
	Expected     *int           `bun:"expected"`
	Gap          *int           `bun:"gap"`
	AgreedMean   *float64       `bun:"agreed_mean"`
	ExpectedMean *float64       `bun:"expected_mean"`
	GapMean      *float64       `bun:"gap_mean"`
	Below        int            `bun:"below"`
	GroupGapMean *float64       `bun:"group_gap_mean"`
}

func (r gridRow) cell() Cell {
	return Cell{Agreed: r.Agreed, Expected: r.Expected, Gap: r.Gap, NotApplicable: r.Rated && r.Agreed == nil}
}

func (r gridRow) due(now time.Time) Due {
	return dueOf(nextDue(r.AgreedAt, r.ProbationEnd, r.HiredOn, r.CreatedAt), now)
}

// round2 keeps means readable (2.67, not 2.6666666666666665).
func round2(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := math.Round(*v*100) / 100
	return &r
}

// ProfileCompetency is one competency of a person's profile.
type ProfileCompetency struct {
	CompetencyID  uuid.UUID `json:"competency_id"`
	DomainID      uuid.UUID `json:"domain_id"`
	Code          string    `json:"code"`
	AgreedLevel   *int      `json:"agreed_level"`
	NotApplicable bool      `json:"not_applicable"`
	ExpectedLevel *int      `json:"expected_level"`
	Gap           *int      `json:"gap"`
}

// DomainSummary sums a domain up: mean agreed and expected levels, mean gap, and how many competencies are
// below the expected level.
type DomainSummary struct {
	DomainID     uuid.UUID `json:"domain_id"`
	Code         string    `json:"code"`
	AgreedMean   *float64  `json:"agreed_mean"`
	ExpectedMean *float64  `json:"expected_mean"`
	GapMean      *float64  `json:"gap_mean"`
	Below        int       `json:"below"`
}

// HistoryPoint is one agreed assessment's mean level per domain: the profile over time.
type HistoryPoint struct {
	AssessmentID uuid.UUID     `json:"assessment_id"`
	AgreedAt     time.Time     `json:"agreed_at"`
	Domains      []DomainLevel `json:"domains"`
}

// DomainLevel is a domain's mean agreed level at one point in time.
type DomainLevel struct {
	DomainID   uuid.UUID `bun:"domain_id" json:"domain_id"`
	AgreedMean *float64  `bun:"agreed_mean" json:"agreed_mean"`
}

// OpenRef points at the assessment a person has in progress.
type OpenRef struct {
	ID      uuid.UUID `json:"id"`
	State   string    `json:"state"`
	Version int       `json:"version"`
}

// CompetencyProfile is GET /people/{id}/competency-profile.
type CompetencyProfile struct {
	PersonID     uuid.UUID  `json:"person_id"`
	PersonName   string     `json:"person_name"`
	PositionCode *string    `json:"position_code"`
	FrameworkID  uuid.UUID  `json:"framework_id"`
	AssessmentID *uuid.UUID `json:"assessment_id"`
	AgreedAt     *time.Time `json:"agreed_at"`
	Due
	OpenAssessment *OpenRef            `json:"open_assessment"`
	Competencies   []ProfileCompetency `json:"competencies"`
	Domains        []DomainSummary     `json:"domains"`
	History        []HistoryPoint      `json:"history"`
}

var errPersonNotFound = httpx.NotFound("No person with this identifier is visible to you.")

// Profile answers a person's competency profile to the person and to the leads of their teams.
func (s *Service) Profile(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*CompetencyProfile, error) {
	teams, err := s.directory.TeamsOf(ctx, personID)
	if err != nil {
		return nil, err
	}
	if p.UserID != personID && !isLeadOf(p, personID, teams) {
		return nil, errPersonNotFound
	}
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, err
	}
	domains, competencies, err := s.store.columns(ctx, s.db, f.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.grid(ctx, s.db, f.ID, []uuid.UUID{personID})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 { // an inactive or unknown person: the grid has a row per competency of every active one
		return nil, errPersonNotFound
	}
	head := rows[0]
	out := &CompetencyProfile{
		PersonID: personID, PersonName: head.Name, PositionCode: head.PositionCode, FrameworkID: f.ID,
		AssessmentID: head.AssessmentID, AgreedAt: head.AgreedAt, Due: head.due(database.Now()),
		Competencies: make([]ProfileCompetency, len(rows)), Domains: make([]DomainSummary, 0, len(domains)),
	}
	codes := map[uuid.UUID]string{}
	for _, c := range competencies {
		codes[c.CompetencyID] = c.Code
	}
	byDomain := map[uuid.UUID]gridRow{}
	for i, r := range rows {
		c := r.cell()
		out.Competencies[i] = ProfileCompetency{CompetencyID: r.CompetencyID, DomainID: r.DomainID, Code: codes[r.CompetencyID],
			AgreedLevel: c.Agreed, NotApplicable: c.NotApplicable, ExpectedLevel: c.Expected, Gap: c.Gap}
		byDomain[r.DomainID] = r
	}
	for _, d := range domains {
		r := byDomain[d.DomainID]
		out.Domains = append(out.Domains, DomainSummary{DomainID: d.DomainID, Code: d.Code,
			AgreedMean: round2(r.AgreedMean), ExpectedMean: round2(r.ExpectedMean), GapMean: round2(r.GapMean), Below: r.Below})
	}
	if out.OpenAssessment, err = s.store.openOf(ctx, s.db, personID, p.UserID == personID); err != nil {
		return nil, err
	}
	out.History, err = s.store.history(ctx, s.db, personID)
	return out, err
}

// HeatmapRow is one person of the team heatmap.
type HeatmapRow struct {
	PersonID     uuid.UUID  `json:"person_id"`
	Name         string     `json:"name"`
	PositionCode *string    `json:"position_code"`
	AssessmentID *uuid.UUID `json:"assessment_id"`
	AgreedAt     *time.Time `json:"agreed_at"`
	Due
	Cells      []Cell     `json:"cells"`
	DomainGaps []*float64 `json:"domain_gaps"`
}

// Heatmap is GET /teams/{id}/heatmap: people × competencies, with each person's and the team's mean gap per domain.
type Heatmap struct {
	TeamID       uuid.UUID          `json:"team_id"`
	TeamName     string             `json:"team_name"`
	FrameworkID  uuid.UUID          `json:"framework_id"`
	Domains      []DomainColumn     `json:"domains"`
	Competencies []CompetencyColumn `json:"competencies"`
	People       []HeatmapRow       `json:"people"`
	DomainMeans  []*float64         `json:"domain_means"`
}

// TeamHeatmap answers the heatmap of a team to its leads. Whoever may see the team but does not lead it (its
// members, the organisation's admins) learns it exists, so gets 403; anyone else 404.
func (s *Service) TeamHeatmap(ctx context.Context, p *auth.Principal, teamID uuid.UUID) (*Heatmap, error) {
	team, err := s.directory.Team(ctx, p, teamID)
	if err != nil {
		return nil, err
	}
	if !p.LeadsTeam(teamID) {
		return nil, httpx.Forbidden("Only the team's leads see its heatmap.")
	}
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, err
	}
	out := &Heatmap{TeamID: team.ID, TeamName: team.Name, FrameworkID: f.ID, People: []HeatmapRow{}}
	if out.Domains, out.Competencies, err = s.store.columns(ctx, s.db, f.ID); err != nil {
		return nil, err
	}
	members := make([]uuid.UUID, 0, len(team.Members))
	for _, m := range team.Members {
		members = append(members, m.ID)
	}
	rows, err := s.store.grid(ctx, s.db, f.ID, members)
	if err != nil {
		return nil, err
	}
	domainIndex := map[uuid.UUID]int{}
	for i, d := range out.Domains {
		domainIndex[d.DomainID] = i
	}
	out.DomainMeans = make([]*float64, len(out.Domains))
	now := database.Now()
	for _, r := range rows {
		if n := len(out.People); n == 0 || out.People[n-1].PersonID != r.PersonID {
			out.People = append(out.People, HeatmapRow{PersonID: r.PersonID, Name: r.Name, PositionCode: r.PositionCode,
				AssessmentID: r.AssessmentID, AgreedAt: r.AgreedAt, Due: r.due(now),
				Cells: make([]Cell, 0, len(out.Competencies)), DomainGaps: make([]*float64, len(out.Domains))})
		}
		row := &out.People[len(out.People)-1]
		row.Cells = append(row.Cells, r.cell())
		d := domainIndex[r.DomainID]
		row.DomainGaps[d], out.DomainMeans[d] = round2(r.GapMean), round2(r.GroupGapMean)
	}
	return out, nil
}

// AgreedLevels is a person's latest agreed level of each competency of the current model (nil where it was
// agreed not to apply); competencies never assessed are absent. Development plans print it beside each goal.
func (s *Service) AgreedLevels(ctx context.Context, personID uuid.UUID) (map[uuid.UUID]*int, error) {
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.grid(ctx, s.db, f.ID, []uuid.UUID{personID})
	out := map[uuid.UUID]*int{}
	for _, r := range rows {
		if r.Rated {
			out[r.CompetencyID] = r.Agreed
		}
	}
	return out, err
}
