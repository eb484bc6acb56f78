// Command rozvoj-bench is the load harness of PRODUCT.md §6 (`make bench`): it makes a fresh PostgreSQL database,
// generates the national data set into it with `rozvoj seed national`, starts `rozvoj serve` on 127.0.0.1, signs
// in sample workers, leads, providers and methodologists, drives a mix of their reads and writes (writes.go) at a
// fixed total rate with vegeta, and prints per-endpoint latencies, throughput, errors and the server's peak RSS; then it times the
// main read endpoints alone beside the raw SQL behind them, lists the sequential scans of large tables PostgreSQL
// plans for the statements behind the main reads (explain.go), and drops the database.
//
// Settings (environment): BENCH_SCALE (1), BENCH_RATE requests/s (200), BENCH_DURATION (60s), BENCH_SQL_RUNS (50),
// BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable, the server to use),
// BENCH_DATABASE (rozvoj_bench, dropped first and at the end), ROZVOJ_BIN (bin/rozvoj).
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"
	vegeta "github.com/tsenart/vegeta/v12/lib"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "rozvoj-bench:", err)
		os.Exit(1)
	}
}

type settings struct {
	scale    string
	rate     float64
	duration time.Duration
	sqlRuns  int
	server   string
	database string
	bin      string
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func load() (s settings, err error) {
	s.scale = env("BENCH_SCALE", "1")
	s.server = env("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
	s.database = env("BENCH_DATABASE", "rozvoj_bench")
	s.bin = env("ROZVOJ_BIN", "bin/rozvoj")
	if _, err = strconv.ParseFloat(s.scale, 64); err != nil {
		return s, fmt.Errorf("BENCH_SCALE: %w", err)
	}
	if s.rate, err = strconv.ParseFloat(env("BENCH_RATE", "200"), 64); err != nil || s.rate <= 0 {
		return s, fmt.Errorf("BENCH_RATE must be a positive number of requests per second")
	}
	if s.duration, err = time.ParseDuration(env("BENCH_DURATION", "60s")); err != nil || s.duration <= 0 {
		return s, fmt.Errorf("BENCH_DURATION must be a positive duration such as 60s")
	}
	if s.sqlRuns, err = strconv.Atoi(env("BENCH_SQL_RUNS", "50")); err != nil || s.sqlRuns < 1 {
		return s, fmt.Errorf("BENCH_SQL_RUNS must be a positive whole number")
	}
	return s, nil
}

// databaseURL is the server's URL with another database in its path.
func databaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("BENCH_POSTGRES_URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func run(ctx context.Context) error {
	s, err := load()
	if err != nil {
		return err
	}
	dbURL, err := databaseURL(s.server, s.database)
	if err != nil {
		return err
	}
	admin, err := database.Open(ctx, s.server, 10*time.Second)
	if err != nil {
		return err
	}
	defer admin.Close()
	// Dropping a database of the national size outlasts the driver's 5 s read timeout; PostgreSQL carries on, so
	// a timed-out drop is followed until the database is gone.
	drop := func() error {
		_, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS ? WITH (FORCE)", bun.Ident(s.database))
		for range 60 {
			if err == nil {
				return nil
			}
			time.Sleep(2 * time.Second)
			var left int
			if qerr := admin.NewRaw("SELECT count(*) FROM pg_database WHERE datname = ?", s.database).Scan(ctx, &left); qerr == nil && left == 0 {
				return nil
			}
			_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS ? WITH (FORCE)", bun.Ident(s.database))
		}
		return err
	}
	if err := drop(); err != nil {
		return err
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE ?", bun.Ident(s.database)); err != nil {
		return err
	}
	defer func() {
		if err := drop(); err != nil {
			fmt.Fprintln(os.Stderr, "rozvoj-bench: drop the database:", err)
		}
	}()

	password := randomHex(12)
	seedStart := time.Now()
	seed := exec.CommandContext(ctx, s.bin, "seed", "national", "--scale", s.scale, "--password", password)
	seed.Env = append(os.Environ(), "ROZVOJ_DATABASE_URL="+dbURL)
	seed.Stdout, seed.Stderr = os.Stderr, os.Stderr
	if err := seed.Run(); err != nil {
		return fmt.Errorf("seed national: %w", err)
	}
	fmt.Fprintf(os.Stderr, "seeded at scale %s in %s\n", s.scale, time.Since(seedStart).Round(time.Second))

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	serve := exec.Command(s.bin, "serve")
	serve.Env = append(os.Environ(), "ROZVOJ_DATABASE_URL="+dbURL, "ROZVOJ_ADDR="+addr, "ROZVOJ_SECRET="+randomHex(32))
	// The server logs every request; its log goes to a file so that the report stays readable.
	serverLog, err := os.CreateTemp("", "rozvoj-bench-server-*.log")
	if err != nil {
		return err
	}
	defer serverLog.Close()
	fmt.Fprintln(os.Stderr, "server log:", serverLog.Name())
	serve.Stdout, serve.Stderr = serverLog, serverLog
	if err := serve.Start(); err != nil {
		return err
	}
	defer func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		_ = serve.Wait()
	}()
	base := "http://" + addr
	if err := waitReady(base, 60*time.Second); err != nil {
		return err
	}

	db, err := database.Open(ctx, dbURL, 10*time.Second)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := prepare(ctx, db, base, password)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 30 * time.Second}
	// Warm up: every target once, so that the first requests of the run do not pay for cold caches and connections.
	for _, e := range w.endpoints {
		for _, t := range e.targets {
			if e.method == http.MethodGet {
				if _, err := timeRequest(client, t); err != nil {
					return fmt.Errorf("warm-up %s: %w", e.name, err)
				}
			}
		}
	}

	fmt.Fprintf(os.Stderr, "driving %.0f requests/s for %s…\n", s.rate, s.duration)
	cpuBefore, err := sampleCPU(serve.Process.Pid)
	if err != nil {
		return err
	}
	rows, total := attack(w.endpoints, s.rate, s.duration)
	cpuAfter, err := sampleCPU(serve.Process.Pid)
	if err != nil {
		return err
	}
	peak, err := peakRSS(serve.Process.Pid)
	if err != nil {
		return err
	}
	out := os.Stdout
	fmt.Fprintf(out, "## rozvoj-bench: scale %s, %.0f requests/s for %s (%d CPUs, %s)\n\n", s.scale, s.rate, s.duration,
		runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339))
	WriteLoad(out, rows)
	fmt.Fprintf(out, "\nAll: %d requests, %d errors, %.1f requests/s answered successfully (%.0f asked), p95 %s ms.\n",
		total.Requests, total.Requests-uint64(float64(total.Requests)*total.Success+0.5), total.Throughput, s.rate,
		ms(total.Latencies.P95))
	fmt.Fprintf(out, "Server peak RSS (VmHWM): %.1f MB (target < 200 MB).\n", float64(peak)/1024)
	WriteCPU(out, cpuBefore, cpuAfter, runtime.NumCPU())
	if errs := total.Errors; len(errs) > 0 {
		fmt.Fprintf(out, "Errors seen: %s\n", strings.Join(errs, "; "))
	}
	// The side-by-side timing starts once the server has answered what the load left queued.
	if err := waitReady(base, 5*time.Minute); err != nil {
		return err
	}
	reads, err := captureReads(ctx, dbURL, base, w)
	if err != nil {
		return err
	}
	comparisons, err := compare(ctx, db, client, reads, s.sqlRuns)
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	WriteComparisons(out, comparisons)
	plans, err := explain(ctx, db, reads)
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	WritePlans(out, plans)
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitReady(base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if r, err := http.Get(base + "/readyz"); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the server at %s was not ready within %s", base, limit)
}

// peakRSS reads the process's high-water mark of resident memory, in kB, from /proc.
func peakRSS(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// endpoint is one kind of request of the mix: its share of the total rate and the requests it cycles through
// (one per signed-in person or object, so that the load is spread as real users spread it).
type endpoint struct {
	name    string
	method  string
	weight  float64
	target  time.Duration // PRODUCT.md §6's p95, zero when it names none
	targets []vegeta.Target
	// A write whose next request depends on earlier answers brings its own targeter and hears every answer.
	targeter vegeta.Targeter
	observe  func(*vegeta.Result)
}

type person struct {
	id    uuid.UUID
	token string
	team  uuid.UUID // a lead's team
	org   uuid.UUID // a provider's organisation
	// region is a methodologist's region.
	region string
}

// world is what the run needs from the generated data: the endpoints of the mix, and for the reads timed alone
// and explained (reads.go) a worker, a lead, a methodologist and a word of the catalogue.
type world struct {
	endpoints     []endpoint
	lead          person
	worker        person
	methodologist person
	word          string // a word of the catalogue search
}

// sample finds up to n active people with a role, spread over the country, with the scope of that role.
func sample(ctx context.Context, db *database.DB, role string, n int) ([]person, []string, error) {
	var rows []struct {
		ID     uuid.UUID
		Email  string
		Team   uuid.NullUUID
		Org    uuid.NullUUID
		Region sql.NullString
	}
	err := db.NewRaw(`SELECT u.id, u.email, r.team_id AS team, r.organization_id AS org, r.region_code AS region
		FROM users AS u JOIN role_assignments AS r ON r.user_id = u.id
		WHERE r.role = ? AND u.active ORDER BY md5(u.id::text) LIMIT ?`, role, n).Scan(ctx, &rows)
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("the generated data has no %s", role)
	}
	out, emails := make([]person, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		out[i] = person{id: r.ID, team: r.Team.UUID, org: r.Org.UUID, region: r.Region.String}
		emails[i] = r.Email
	}
	return out, emails, nil
}

func signIn(base, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	r, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer r.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(r.Body).Decode(&out); err != nil || r.StatusCode != http.StatusOK {
		return "", fmt.Errorf("sign in as %s: %d %v", email, r.StatusCode, err)
	}
	return out.AccessToken, nil
}

// people signs in a sample of each role.
func people(ctx context.Context, db *database.DB, base, password, role string, n int) ([]person, error) {
	ps, emails, err := sample(ctx, db, role, n)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if ps[i].token, err = signIn(base, emails[i], password); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

func get(base, path, token string) vegeta.Target {
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return vegeta.Target{Method: http.MethodGet, URL: base + path, Header: h}
}

func prepare(ctx context.Context, db *database.DB, base, password string) (*world, error) {
	workers, err := people(ctx, db, base, password, "worker", 40)
	if err != nil {
		return nil, err
	}
	leads, err := people(ctx, db, base, password, "lead", 20)
	if err != nil {
		return nil, err
	}
	providers, err := people(ctx, db, base, password, "provider", 10)
	if err != nil {
		return nil, err
	}
	methodologists, err := people(ctx, db, base, password, "methodologist", 14)
	if err != nil {
		return nil, err
	}
	w := &world{worker: workers[0], lead: leads[0], methodologist: methodologists[0]}
	perWorker := func(path func(person) string) []vegeta.Target {
		out := make([]vegeta.Target, len(workers))
		for i, p := range workers {
			out[i] = get(base, path(p), p.token)
		}
		return out
	}
	perLead := func(suffix string) []vegeta.Target {
		out := make([]vegeta.Target, len(leads))
		for i, p := range leads {
			out[i] = get(base, "/api/v1/teams/"+p.team.String()+suffix, p.token)
		}
		return out
	}
	var words []string
	if err := db.NewRaw(`SELECT DISTINCT split_part(search_text, ' ', 1) FROM courses WHERE published LIMIT 20`).Scan(ctx, &words); err != nil {
		return nil, err
	}
	if len(words) == 0 {
		return nil, errors.New("the generated data has no published course")
	}
	w.word = words[0]
	var search []vegeta.Target
	for i, word := range words {
		p := workers[i%len(workers)]
		search = append(search, get(base, "/api/v1/courses?q="+url.QueryEscape(word), p.token))
	}
	var attendance []vegeta.Target
	for _, p := range providers {
		var sessions []uuid.UUID
		if err := db.NewRaw(`SELECT s.id FROM training_sessions AS s JOIN courses AS c ON c.id = s.course_id
			WHERE c.provider_id = ? AND s.status = 'held' ORDER BY s.starts_at DESC LIMIT 5`, p.org).Scan(ctx, &sessions); err != nil {
			return nil, err
		}
		for _, id := range sessions {
			attendance = append(attendance, get(base, "/api/v1/sessions/"+id.String()+"/attendance", p.token))
		}
	}
	feeds := make([]vegeta.Target, 0, len(workers))
	for _, p := range workers {
		feed, err := createFeed(base, p.token)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, get(base, strings.TrimPrefix(feed, base), ""))
	}
	year := strconv.Itoa(time.Now().Year())
	indicators := make([]vegeta.Target, 0, len(methodologists))
	for _, p := range methodologists {
		indicators = append(indicators, get(base, "/api/v1/indicators?scope=region&id="+p.region+"&period="+year, p.token))
	}
	if len(attendance) == 0 {
		return nil, errors.New("the providers sampled have no held sessions")
	}

	w.endpoints = []endpoint{
		{name: "worker: GET /me (dashboard)", weight: 12, target: 50 * time.Millisecond,
			targets: perWorker(func(person) string { return "/api/v1/me" })},
		{name: "worker: GET /people/{id}/competency-profile", weight: 10, target: 50 * time.Millisecond,
			targets: perWorker(func(p person) string { return "/api/v1/people/" + p.id.String() + "/competency-profile" })},
		{name: "worker: GET /people/{id}/compliance", weight: 10,
			targets: perWorker(func(p person) string { return "/api/v1/people/" + p.id.String() + "/compliance" })},
		{name: "worker: GET /notifications/unread-count", weight: 12,
			targets: perWorker(func(person) string { return "/api/v1/notifications/unread-count" })},
		{name: "worker: GET /registrations", weight: 6,
			targets: perWorker(func(person) string { return "/api/v1/registrations" })},
		{name: "worker: GET /courses?q= (catalogue search)", weight: 10, targets: search},
		{name: "worker: GET /sessions (upcoming)", weight: 6,
			targets: perWorker(func(person) string { return "/api/v1/sessions" })},
		{name: "worker: GET /calendar/{token}.ics (feed)", weight: 5, targets: feeds},
		{name: "lead: GET /teams/{id}/heatmap", weight: 10, target: 50 * time.Millisecond, targets: perLead("/heatmap")},
		{name: "lead: GET /teams/{id}/compliance", weight: 8, targets: perLead("/compliance")},
		{name: "provider: GET /sessions/{id}/attendance", weight: 5, targets: attendance},
		{name: "methodologist: GET /indicators (region, year)", weight: 2, target: 300 * time.Millisecond, targets: indicators},
	}
	for i := range w.endpoints {
		w.endpoints[i].method = http.MethodGet
	}
	registrar, err := newRegistrar(ctx, db, base, workers)
	if err != nil {
		return nil, err
	}
	records, err := attendanceRecords(ctx, db, base, password)
	if err != nil {
		return nil, err
	}
	w.endpoints = append(w.endpoints,
		endpoint{name: "worker: POST /sessions/{id}/registrations, DELETE /registrations/{id}", method: "write", weight: 3,
			targeter: registrar.target, observe: registrar.observe},
		endpoint{name: "worker: POST /support-log", method: http.MethodPost, weight: 2, targets: supportLogs(base, workers)},
		endpoint{name: "provider: PUT /sessions/{id}/attendance", method: http.MethodPut, weight: 1, targets: records},
	)
	return w, nil
}

func createFeed(base, token string) (string, error) {
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/calendar/feeds", strings.NewReader(`{"name":"bench"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer r.Body.Close()
	var out struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(r.Body).Decode(&out); err != nil || r.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("create a calendar feed: %d %v", r.StatusCode, err)
	}
	return out.URL, nil
}

// attack drives every endpoint at its share of the total rate, all at once, for the duration.
func attack(endpoints []endpoint, rate float64, duration time.Duration) ([]Row, *vegeta.Metrics) {
	var sum float64
	for _, e := range endpoints {
		sum += e.weight
	}
	rows := make([]Row, len(endpoints))
	total := &vegeta.Metrics{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, e := range endpoints {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Requests per hour keeps a small share of the rate exact as a whole number.
			pacer := vegeta.Rate{Freq: int(rate * e.weight / sum * 3600), Per: time.Hour}
			// At most 4 requests of a kind in flight: when the server cannot keep up, the run answers fewer requests
			// per second than asked (and says so) instead of queueing thousands of them in the server.
			a := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.KeepAlive(true), vegeta.Workers(4), vegeta.MaxWorkers(4))
			var m vegeta.Metrics
			targeter := e.targeter
			if targeter == nil {
				targeter = vegeta.NewStaticTargeter(e.targets...)
			}
			for res := range a.Attack(targeter, pacer, duration, e.name) {
				if e.observe != nil {
					e.observe(res)
				}
				m.Add(res)
				mu.Lock()
				total.Add(res)
				mu.Unlock()
			}
			m.Close()
			rows[i] = Row{Name: e.name, Count: m.Requests, Errors: m.Requests - successes(&m), P50: m.Latencies.P50,
				P95: m.Latencies.P95, P99: m.Latencies.P99, Target: e.target}
		}()
	}
	wg.Wait()
	total.Close()
	return rows, total
}

func successes(m *vegeta.Metrics) uint64 { return uint64(float64(m.Requests)*m.Success + 0.5) }

func timeRequest(client *http.Client, t vegeta.Target) (time.Duration, error) {
	req, err := t.Request()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	r, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, r.Body)
	r.Body.Close()
	d := time.Since(start)
	if r.StatusCode != http.StatusOK {
		return d, fmt.Errorf("%s %s: %d", t.Method, t.URL, r.StatusCode)
	}
	return d, err
}

// readAll runs a statement and reads every value of every row as database/sql hands them over.
func readAll(ctx context.Context, db *sql.DB, query string) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	values := make([]any, len(cols))
	for i := range values {
		values[i] = new(sql.RawBytes)
	}
	for rows.Next() {
		if err := rows.Scan(values...); err != nil {
			return err
		}
	}
	return rows.Err()
}
