package training

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/requirement"
)

// Compliance (plnění povinného vzdělávání) applies the statutory rules of internal/requirement to what a person
// has on file: attendance of catalogue sessions (present in full, or partly) and external training a lead has
// confirmed. A person sees their own; the leads of their teams and the admins of their employer see theirs too
// (the employer owes the training under § 111 zák. 108/2006 Sb.); everyone else gets 404.

// ComplianceDirectory is what compliance needs to know about people.
type ComplianceDirectory interface {
	Employments(ctx context.Context, ids []uuid.UUID) ([]directory.Employment, error)
	TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error)
	Team(ctx context.Context, p *auth.Principal, id uuid.UUID) (*directory.Team, error)
}

// ComplianceService evaluates the requirements. It works on any bun.IDB.
type ComplianceService struct {
	db        bun.IDB
	directory ComplianceDirectory
	rules     []requirement.Rule
}

// NewComplianceService loads the rules shipped with the product.
func NewComplianceService(db bun.IDB, dir ComplianceDirectory) (*ComplianceService, error) {
	rules, err := requirement.Load()
	return &ComplianceService{db: db, directory: dir, rules: rules}, err
}

// teachingHour is the length of a teaching hour (hodina výuky), by which a partial attendance is converted.
const teachingHour = 45

// ComplianceQuery picks the calendar year; the current one when absent.
type ComplianceQuery struct {
	Year string `query:"year" validate:"omitempty,numeric,len=4"`
}

// CountedRecord is one record's part in a rule: where it comes from (certificate, attendance or external),
// what it was and what it counts for; a zero amount with a note says why something does not count.
type CountedRecord struct {
	RecordID uuid.UUID     `json:"record_id"`
	Source   string        `json:"source"`
	Kind     string        `json:"kind"`
	Title    string        `json:"title"`
	Date     database.Date `json:"date"`
	Amount   float64       `json:"amount"`
	Note     string        `json:"note"`
}

// RuleResult is one rule evaluated for one person.
type RuleResult struct {
	RuleID     string          `json:"rule_id"`
	Title      string          `json:"title"`
	Source     string          `json:"source"`
	SourceText string          `json:"source_text"`
	Applies    bool            `json:"applies"`
	Why        string          `json:"why"`
	Required   float64         `json:"required"`
	Counted    float64         `json:"counted"`
	Remaining  float64         `json:"remaining"`
	Unit       string          `json:"unit"`
	Deadline   *database.Date  `json:"deadline"`
	State      string          `json:"state"`
	Records    []CountedRecord `json:"records"`
}

// PersonCompliance is a person's compliance in a year.
type PersonCompliance struct {
	PersonID   uuid.UUID     `json:"person_id"`
	PersonName string        `json:"person_name"`
	Year       int           `json:"year"`
	AsOf       database.Date `json:"as_of"`
	Results    []RuleResult  `json:"results"`
}

// RuleRef names a rule in the team table.
type RuleRef struct {
	RuleID string `json:"rule_id"`
	Title  string `json:"title"`
	Unit   string `json:"unit"`
}

// MemberResult is one applicable rule of one team member, without the records.
type MemberResult struct {
	RuleID    string         `json:"rule_id"`
	State     string         `json:"state"`
	Required  float64        `json:"required"`
	Counted   float64        `json:"counted"`
	Remaining float64        `json:"remaining"`
	Deadline  *database.Date `json:"deadline"`
}

// MemberCompliance is a team member's row.
type MemberCompliance struct {
	PersonID   uuid.UUID      `json:"person_id"`
	PersonName string         `json:"person_name"`
	Results    []MemberResult `json:"results"`
}

// TeamCompliance is the lead's table: the team's members × the rules that apply to any of them.
type TeamCompliance struct {
	TeamID   uuid.UUID          `json:"team_id"`
	TeamName string             `json:"team_name"`
	Year     int                `json:"year"`
	AsOf     database.Date      `json:"as_of"`
	Rules    []RuleRef          `json:"rules"`
	People   []MemberCompliance `json:"people"`
}

var errPersonNotFound = httpx.NotFound("No person with this identifier is visible to you.")

// year reads the validated query: a year from 2000 to next year.
func (q ComplianceQuery) year(today database.Date) (int, error) {
	if q.Year == "" {
		return today.Year(), nil
	}
	y, _ := strconv.Atoi(q.Year) // four digits, validated
	if y < 2000 || y > today.Year()+1 {
		return 0, httpx.FieldInvalid("year", "range", "The year is between 2000 and next year.")
	}
	return y, nil
}

// Person evaluates every rule for one person.
func (s *ComplianceService) Person(ctx context.Context, p *auth.Principal, personID uuid.UUID, q ComplianceQuery) (*PersonCompliance, error) {
	asOf := today()
	year, err := q.year(asOf)
	if err != nil {
		return nil, err
	}
	emps, err := s.directory.Employments(ctx, []uuid.UUID{personID})
	if err != nil {
		return nil, err
	}
	if len(emps) == 0 {
		return nil, errPersonNotFound
	}
	e := emps[0]
	if e.PersonID != p.UserID && !(e.OrganizationID != nil && p.AdminOf(*e.OrganizationID)) {
		teams, err := s.directory.TeamsOf(ctx, personID)
		if err != nil {
			return nil, err
		}
		if !leadsPerson(p, personID, teams) {
			return nil, errPersonNotFound
		}
	}
	recs, err := s.records(ctx, []uuid.UUID{personID})
	if err != nil {
		return nil, err
	}
	return &PersonCompliance{PersonID: e.PersonID, PersonName: e.Name, Year: year, AsOf: asOf,
		Results: append([]RuleResult{}, s.evaluate(e, recs[personID], year, asOf)...)}, nil
}

// Team evaluates every rule for every member of a team, for its leads and its organisation's admins.
func (s *ComplianceService) Team(ctx context.Context, p *auth.Principal, teamID uuid.UUID, q ComplianceQuery) (*TeamCompliance, error) {
	asOf := today()
	year, err := q.year(asOf)
	if err != nil {
		return nil, err
	}
	team, err := s.directory.Team(ctx, p, teamID)
	if err != nil {
		return nil, err
	}
	if !p.LeadsTeam(teamID) && !p.AdminOf(team.OrganizationID) {
		return nil, httpx.Forbidden("Only the team's leads and its organisation's admins see the team's compliance.")
	}
	ids := make([]uuid.UUID, len(team.Members))
	for i, m := range team.Members {
		ids[i] = m.ID
	}
	emps, err := s.directory.Employments(ctx, ids)
	if err != nil {
		return nil, err
	}
	recs, err := s.records(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := &TeamCompliance{TeamID: team.ID, TeamName: team.Name, Year: year, AsOf: asOf, Rules: []RuleRef{}, People: []MemberCompliance{}}
	used := map[string]bool{}
	for _, e := range emps {
		row := MemberCompliance{PersonID: e.PersonID, PersonName: e.Name, Results: []MemberResult{}}
		for _, r := range s.evaluate(e, recs[e.PersonID], year, asOf) {
			if !r.Applies {
				continue
			}
			used[r.RuleID] = true
			row.Results = append(row.Results, MemberResult{RuleID: r.RuleID, State: r.State, Required: r.Required,
				Counted: r.Counted, Remaining: r.Remaining, Deadline: r.Deadline})
		}
		out.People = append(out.People, row)
	}
	slices.SortFunc(out.People, func(a, b MemberCompliance) int { return strings.Compare(a.PersonName, b.PersonName) })
	for _, r := range s.rules {
		if used[r.ID] {
			out.Rules = append(out.Rules, RuleRef{RuleID: r.ID, Title: r.TitleCS, Unit: r.Unit()})
		}
	}
	return out, nil
}

// personOf is what the rules need to know of someone's employment.
func personOf(e directory.Employment) requirement.Person {
	person := requirement.Person{EmploymentType: e.EmploymentType, PositionCode: e.PositionCode, OrgKind: e.OrgKind,
		HiredOn: dateOf(e.HiredOn), ProbationEnd: dateOf(e.ProbationEnd), LeftOn: dateOf(e.LeftOn)}
	for _, a := range e.Absences {
		person.Absences = append(person.Absences, requirement.Period{From: a.StartsOn.Time, To: a.EndsOn.Time})
	}
	return person
}

// evaluate runs the engine for one person and dresses its results with what the records were.
func (s *ComplianceService) evaluate(e directory.Employment, recs []record, year int, asOf database.Date) []RuleResult {
	person := personOf(e)
	in := make([]requirement.Record, len(recs))
	byID := map[string]record{}
	for i, r := range recs {
		in[i] = r.Record
		byID[r.ID] = r
	}
	texts := map[string]string{}
	for _, r := range s.rules {
		texts[r.ID] = r.SourceText
	}
	var out []RuleResult
	for _, res := range requirement.Evaluate(s.rules, person, in, year, asOf.Time) {
		rr := RuleResult{RuleID: res.RuleID, Title: res.Title, Source: res.Source, SourceText: texts[res.RuleID],
			Applies: res.Applies, Why: res.Why, Required: res.Required, Counted: res.Counted, Remaining: res.Remaining,
			Unit: res.Unit, State: res.State, Records: []CountedRecord{}}
		if !res.Deadline.IsZero() {
			d := database.NewDate(res.Deadline.Date())
			rr.Deadline = &d
		}
		for _, c := range res.Records {
			r := byID[c.RecordID]
			rr.Records = append(rr.Records, CountedRecord{RecordID: uuid.MustParse(c.RecordID), Source: r.Source,
				Kind: c.Kind, Title: r.Title, Date: database.NewDate(c.Date.Date()), Amount: c.Amount, Note: c.Note})
		}
		out = append(out, rr)
	}
	return out
}

func dateOf(d *database.Date) *time.Time {
	if d == nil {
		return nil
	}
	return &d.Time
}
