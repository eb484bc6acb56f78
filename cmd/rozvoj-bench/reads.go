package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/indicator"
	"github.com/rozvoj/rozvoj/internal/supervision"
	"github.com/rozvoj/rozvoj/internal/training"
)

// largeTable is the fewest rows a table must have for a sequential scan of it to be reported: the national data
// set's big tables hold 20,000 to 2 million rows, its small ones (organisations, courses, positions) hundreds.
const largeTable = 10_000

// capture remembers every statement a connection runs, as sent (bun formats the arguments into the text).
type capture struct {
	mu      sync.Mutex
	queries []string
}

func (c *capture) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (c *capture) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	q := strings.TrimSpace(e.Query)
	if e.Err == nil && (strings.HasPrefix(q, "SELECT") || strings.HasPrefix(q, "WITH")) {
		c.mu.Lock()
		c.queries = append(c.queries, q)
		c.mu.Unlock()
	}
}

func (c *capture) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.queries
	c.queries = nil
	return out
}

// mainRead is one of the main reads of the mix: its request, and the statements the server sends for it (signing
// the caller in included), captured by running the same services for the same person in this process.
type mainRead struct {
	name       string
	hot        bool // on a path every worker or lead takes, rather than a regional report
	target     vegeta.Target
	statements []string
}

// Plan is one read's statements and the large tables PostgreSQL plans to read from end to end.
type Plan struct {
	Name       string
	Hot        bool
	Statements int
	SeqScans   []string // "table (rows)"
}

// captureReads runs the main reads through the services, as the server would for the sampled people, and keeps
// the statements each sends.
func captureReads(ctx context.Context, dbURL, base string, w *world) ([]mainRead, error) {
	db, err := database.Open(ctx, dbURL, 10*time.Second)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	c := &capture{}
	db.AddQueryHook(c)
	dir := directory.NewService(db)
	fw := framework.NewService(db)
	assessments := assessment.NewService(db, dir, fw)
	trainings := training.NewService(db, dir, fw, base)
	compliance, err := training.NewComplianceService(db, dir)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	supervisions, err := supervision.NewService(db, dir, key)
	if err != nil {
		return nil, err
	}
	indicators := indicator.NewService(db, compliance, fw)
	page := httpx.PageRequest{Limit: httpx.DefaultLimit}
	halfYearAgo := time.Now().AddDate(0, -6, 0).Format(time.DateOnly)
	year := strconv.Itoa(time.Now().Year())
	team := "/api/v1/teams/" + w.lead.team.String()
	reads := []struct {
		name, path string
		who        person
		hot        bool
		run        func(p *auth.Principal) error
	}{
		{"worker: GET /me", "/api/v1/me", w.worker, true, func(p *auth.Principal) error { _, err := dir.Me(ctx, p); return err }},
		{"worker: GET /people/{id}/competency-profile", "/api/v1/people/" + w.worker.id.String() + "/competency-profile", w.worker, true,
			func(p *auth.Principal) error { _, err := assessments.Profile(ctx, p, w.worker.id); return err }},
		{"worker: GET /people/{id}/compliance", "/api/v1/people/" + w.worker.id.String() + "/compliance", w.worker, true,
			func(p *auth.Principal) error {
				_, err := compliance.Person(ctx, p, w.worker.id, training.ComplianceQuery{})
				return err
			}},
		{"worker: GET /registrations", "/api/v1/registrations", w.worker, true, func(p *auth.Principal) error {
			_, err := trainings.Registrations(ctx, p, training.RegistrationQuery{}, page)
			return err
		}},
		{"worker: GET /courses?q=", "/api/v1/courses?q=" + url.QueryEscape(w.word), w.worker, true, func(p *auth.Principal) error {
			_, err := trainings.Courses(ctx, p, training.CourseQuery{Q: w.word}, page)
			return err
		}},
		{"worker: GET /sessions", "/api/v1/sessions", w.worker, true, func(p *auth.Principal) error {
			_, err := trainings.Sessions(ctx, p, training.SessionQuery{}, page)
			return err
		}},
		{"worker: GET /supervision/sessions?from=", "/api/v1/supervision/sessions?from=" + halfYearAgo, w.worker, true,
			func(p *auth.Principal) error {
				_, err := supervisions.Sessions(ctx, p, supervision.SessionQuery{From: halfYearAgo}, page)
				return err
			}},
		{"lead: GET /teams/{id}/heatmap", team + "/heatmap", w.lead, true,
			func(p *auth.Principal) error { _, err := assessments.TeamHeatmap(ctx, p, w.lead.team); return err }},
		{"lead: GET /teams/{id}/compliance", team + "/compliance", w.lead, true, func(p *auth.Principal) error {
			_, err := compliance.Team(ctx, p, w.lead.team, training.ComplianceQuery{})
			return err
		}},
		{"methodologist: GET /indicators (region, year)", "/api/v1/indicators?scope=region&id=" + w.methodologist.region + "&period=" + year,
			w.methodologist, false, func(p *auth.Principal) error {
				_, err := indicators.Get(ctx, p, indicator.Query{Scope: indicator.ScopeRegion, ID: w.methodologist.region, Period: year})
				return err
			}},
	}
	out := make([]mainRead, 0, len(reads))
	for _, r := range reads {
		c.take()
		p, err := directory.Accounts{}.Principal(ctx, db, r.who.id)
		if err != nil {
			return nil, err
		}
		if err := r.run(p); err != nil {
			return nil, fmt.Errorf("%s: %w", r.name, err)
		}
		out = append(out, mainRead{name: r.name, hot: r.hot, target: get(base, r.path, r.who.token), statements: c.take()})
	}
	return out, nil
}

// compare times each main read alone, request after request, beside running the statements behind it (read to
// the last value) straight through database/sql, after the load has ended.
func compare(ctx context.Context, db *database.DB, client *http.Client, reads []mainRead, runs int) ([]Comparison, error) {
	out := make([]Comparison, 0, len(reads))
	for _, r := range reads {
		cmp := Comparison{Name: r.name}
		for range runs {
			d, err := timeRequest(client, r.target)
			if err != nil {
				return nil, err
			}
			cmp.API = append(cmp.API, d)
			start := time.Now()
			for _, q := range r.statements {
				if err := readAll(ctx, db.DB.DB, q); err != nil {
					return nil, fmt.Errorf("%s: %.80s: %w", r.name, q, err)
				}
			}
			cmp.SQL = append(cmp.SQL, time.Since(start))
		}
		out = append(out, cmp)
	}
	return out, nil
}

// explain asks PostgreSQL for the plan of every statement behind the main reads.
func explain(ctx context.Context, db *database.DB, reads []mainRead) ([]Plan, error) {
	sizes := map[string]float64{}
	var rows []struct {
		Name string  `bun:"relname"`
		Rows float64 `bun:"reltuples"`
	}
	if err := db.NewRaw("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		sizes[r.Name] = r.Rows
	}
	out := make([]Plan, 0, len(reads))
	for _, r := range reads {
		p := Plan{Name: r.name, Hot: r.hot}
		for _, q := range r.statements {
			var plan string
			// Straight to database/sql: bun would read a ? within the statement's literals as a placeholder.
			if err := db.DB.DB.QueryRowContext(ctx, "EXPLAIN (FORMAT JSON) "+q).Scan(&plan); err != nil {
				return nil, fmt.Errorf("%s: explain %.80s: %w", r.name, q, err)
			}
			p.Statements++
			for _, table := range seqScans(plan) {
				if n := sizes[table]; n >= largeTable {
					if s := fmt.Sprintf("%s (%.0f rows)", table, n); !slices.Contains(p.SeqScans, s) {
						p.SeqScans = append(p.SeqScans, s)
					}
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// seqScans lists the tables a JSON plan reads by sequential scan (parallel or not).
func seqScans(plan string) []string {
	var doc []struct {
		Plan node `json:"Plan"`
	}
	if json.Unmarshal([]byte(plan), &doc) != nil {
		return nil
	}
	var out []string
	var walk func(n node)
	walk = func(n node) {
		if n.Type == "Seq Scan" {
			out = append(out, n.Relation)
		}
		for _, child := range n.Plans {
			walk(child)
		}
	}
	for _, d := range doc {
		walk(d.Plan)
	}
	return out
}

type node struct {
	Type     string `json:"Node Type"`
	Relation string `json:"Relation Name"`
	Plans    []node `json:"Plans"`
}

// WritePlans prints which reads plan a sequential scan of a large table.
func WritePlans(w io.Writer, plans []Plan) {
	fmt.Fprintf(w, "| read (EXPLAIN of every statement it sends) | path | statements | sequential scans of tables ≥ %d rows |\n", largeTable)
	fmt.Fprintln(w, "|---|---|---:|---|")
	for _, p := range plans {
		path, scans := "report", "none"
		if p.Hot {
			path = "hot"
		}
		if len(p.SeqScans) > 0 {
			scans = strings.Join(p.SeqScans, ", ")
			if p.Hot {
				scans = "**" + scans + "**"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s |\n", p.Name, path, p.Statements, scans)
	}
}
