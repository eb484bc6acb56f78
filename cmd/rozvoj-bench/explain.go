package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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

// Plan is one read's statements and the large tables PostgreSQL plans to read from end to end.
type Plan struct {
	Name       string
	Hot        bool // on a path every worker or lead takes, rather than a regional report
	Statements int
	SeqScans   []string // "table (rows)"
}

// explain runs the main reads of the mix through the services, as the server would for the sampled people,
// captures the statements they send, and asks PostgreSQL for the plan of each.
func explain(ctx context.Context, dbURL string, w *world) ([]Plan, error) {
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
	trainings := training.NewService(db, dir, fw, "http://127.0.0.1")
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
	indicators := indicator.NewService(db, compliance)
	principal := func(p person) (*auth.Principal, error) { return directory.Accounts{}.Principal(ctx, db, p.id) }
	worker, err := principal(w.worker)
	if err != nil {
		return nil, err
	}
	lead, err := principal(w.lead)
	if err != nil {
		return nil, err
	}
	methodologist, err := principal(w.methodologist)
	if err != nil {
		return nil, err
	}
	page := httpx.PageRequest{Limit: httpx.DefaultLimit}
	halfYearAgo := time.Now().AddDate(0, -6, 0).Format(time.DateOnly)
	reads := []struct {
		name string
		hot  bool
		run  func() error
	}{
		{"worker: GET /me", true, func() error { _, err := dir.Me(ctx, worker); return err }},
		{"worker: GET /people/{id}/competency-profile", true, func() error { _, err := assessments.Profile(ctx, worker, w.worker.id); return err }},
		{"worker: GET /people/{id}/compliance", true, func() error {
			_, err := compliance.Person(ctx, worker, w.worker.id, training.ComplianceQuery{})
			return err
		}},
		{"worker: GET /registrations", true, func() error {
			_, err := trainings.Registrations(ctx, worker, training.RegistrationQuery{}, page)
			return err
		}},
		{"worker: GET /courses?q=", true, func() error {
			_, err := trainings.Courses(ctx, worker, training.CourseQuery{Q: w.word}, page)
			return err
		}},
		{"worker: GET /sessions", true, func() error {
			_, err := trainings.Sessions(ctx, worker, training.SessionQuery{}, page)
			return err
		}},
		{"worker: supervision sessions (feed, dashboard)", true, func() error {
			_, err := supervisions.Sessions(ctx, worker, supervision.SessionQuery{From: halfYearAgo}, page)
			return err
		}},
		{"lead: GET /teams/{id}/heatmap", true, func() error { _, err := assessments.TeamHeatmap(ctx, lead, w.lead.team); return err }},
		{"lead: GET /teams/{id}/compliance", true, func() error {
			_, err := compliance.Team(ctx, lead, w.lead.team, training.ComplianceQuery{})
			return err
		}},
		{"methodologist: GET /indicators (region, year)", false, func() error {
			_, err := indicators.Get(ctx, methodologist, indicator.Query{Scope: indicator.ScopeRegion, ID: w.methodologist.region,
				Period: strconv.Itoa(time.Now().Year())})
			return err
		}},
	}
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
		c.take()
		if err := r.run(); err != nil {
			return nil, fmt.Errorf("%s: %w", r.name, err)
		}
		p := Plan{Name: r.name, Hot: r.hot}
		for _, q := range c.take() {
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
